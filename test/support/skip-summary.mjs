// A node:test reporter that prints nothing but one closing line when tests were skipped: how many and why
// (each distinct reason once, with its count), so `npm test` never skips silently. Used beside the spec reporter.
export default async function* skipSummary(source) {
  const reasons = new Map();
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const reason = event.data.skip;
    if (reason === undefined || reason === false) continue;
    skipped += 1;
    const text = typeof reason === "string" && reason ? reason : "no reason given";
    reasons.set(text, (reasons.get(text) ?? 0) + 1);
  }
  if (skipped === 0) return;
  const why = [...reasons].map(([reason, count]) => `${count} x ${reason}`).join("; ");
  yield `\n${skipped} test${skipped === 1 ? "" : "s"} skipped: ${why}\n`;
}
