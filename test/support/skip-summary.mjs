import { readFileSync } from "node:fs";

// A node:test reporter that prints nothing but one closing line when tests were skipped: how many and why
// (each distinct reason once, with its count), so `npm test` never skips silently. Used beside the spec reporter.
// In CI (CI=true) a skip fails the run (exit code 1) unless its reason starts with a prefix on the short allow-list
// in test/support/skip-allow-list.json (e.g. "needs an API key"); the summary says which skips were allowed and
// which failed the run. CI has the data, Chromium and Jupyter, so a test skipped for want of them is a broken set-up.

const ALLOW_LIST = new URL("./skip-allow-list.json", import.meta.url);

/** The allowed reason prefixes of test/support/skip-allow-list.json. */
export function allowedSkipPrefixes() {
  return JSON.parse(readFileSync(ALLOW_LIST, "utf8")).allowed.map((entry) => entry.prefix);
}

/** Whether a skip with this reason may pass CI. */
export function isAllowedSkip(reason, prefixes = allowedSkipPrefixes()) {
  return prefixes.some((prefix) => reason.startsWith(prefix));
}

/** Whether this environment is CI, as the CI services set it (CI=true; CI=1 too). */
export function inCi(environment = process.env) {
  return environment.CI === "true" || environment.CI === "1";
}

function describe(reasons) {
  return [...reasons].map(([reason, count]) => `${count} x ${reason}`).join("; ");
}

export default async function* skipSummary(source) {
  const allowed = new Map();
  const refused = new Map();
  const prefixes = allowedSkipPrefixes();
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const reason = event.data.skip;
    if (reason === undefined || reason === false) continue;
    skipped += 1;
    const text = typeof reason === "string" && reason ? reason : "no reason given";
    const bucket = isAllowedSkip(text, prefixes) ? allowed : refused;
    bucket.set(text, (bucket.get(text) ?? 0) + 1);
  }
  if (skipped === 0) return;
  const total = `${skipped} test${skipped === 1 ? "" : "s"} skipped`;
  if (!inCi()) {
    yield `\n${total}: ${describe(new Map([...allowed, ...refused]))}\n`;
    return;
  }
  const lines = [`\n${total} (CI=true: only reasons on test/support/skip-allow-list.json may skip)`];
  if (allowed.size) lines.push(`  allowed: ${describe(allowed)}`);
  if (refused.size) {
    lines.push(`  FAILED THE RUN: ${describe(refused)}`);
    lines.push("  CI has the data, Chromium and Jupyter: fix the set-up, or the skip condition, or add the reason to the allow-list (docs/testing.md).");
    process.exitCode = 1;
  }
  yield `${lines.join("\n")}\n`;
}
