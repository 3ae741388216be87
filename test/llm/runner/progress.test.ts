import assert from "node:assert/strict";
import { test } from "node:test";
import { RateMeter, cliProgress, formatProgressLine, type ProgressSnapshot } from "../../../lib/llm/runner/progress";
import { notebookProgress, progressHtml } from "../../../lib/llm/runner/notebook-progress";
import { formatProgressSummary } from "../../../lib/llm/runner/progress-summary";

const snapshot = (overrides: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  label: "answers", total: 3000, done: 412, cached: 380, failed: 2, skipped: 0, inFlight: 8,
  elapsedMs: 65_000, ratePerMinute: 95.3, etaMs: 1_630_000, spendDollars: 0.41, ...overrides,
});

test("the progress line shows done, cached, failed, rate, ETA and spend", () => {
  assert.equal(
    formatProgressLine(snapshot()),
    "[answers] 412/3000 done (380 cached), 2 failed | 13% | 95/min | ETA 27m10s | elapsed 1m05s | $0.41",
  );
  assert.match(formatProgressLine(snapshot({ etaMs: undefined, ratePerMinute: 2.5 })), /2\.5\/min \| ETA \?/);
});

test("the rate meter uses a sliding window", () => {
  const meter = new RateMeter(10_000);
  assert.equal(meter.observe(0, 0), 0);
  assert.equal(meter.observe(1000, 1000), 60_000); // a burst of cache hits
  meter.observe(11_000, 1010);
  assert.equal(meter.observe(21_000, 1020), 60); // 10 calls in 10 s, the burst has left the window
});

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) }, writes };
}

test("on a TTY the bar rewrites one line with \\r and ends with a newline", () => {
  const { stream, writes } = recorder(true);
  let time = 0;
  const reporter = cliProgress({ stream, now: () => time });
  reporter.update(snapshot({ done: 1 }));
  time = 50;
  reporter.update(snapshot({ done: 2 })); // throttled (100 ms)
  time = 150;
  reporter.update(snapshot({ done: 3 }));
  reporter.finish(snapshot({ done: 3000 }));
  assert.equal(writes.length, 3);
  assert.ok(writes.every((text) => text.startsWith("\r")));
  assert.ok(!writes[0].includes("\n") && writes[2].endsWith("\n"));
  assert.match(writes[2], /\[#{24}\]/);
});

test("off a TTY it prints a plain line every few seconds", () => {
  const { stream, writes } = recorder(false);
  let time = 0;
  const reporter = cliProgress({ stream, now: () => time });
  for (time = 0; time < 12_000; time += 1000) reporter.update(snapshot());
  reporter.finish(snapshot());
  assert.equal(writes.length, 4); // t = 0, 5 s, 10 s, finish
  assert.ok(writes.every((text) => !text.includes("\r") && text.endsWith("\n")));
});

test("the notebook bar updates one display in place (throttled) and falls back to lines", () => {
  const shown: string[] = [];
  let time = 0;
  const replaced: string[] = [];
  const reporter = notebookProgress({ display: { html: (html) => shown.push(html), text: (text) => (shown.push(text), replaced.push(text)) }, now: () => time });
  reporter.update(snapshot());
  time = 100;
  reporter.update(snapshot());
  time = 600;
  reporter.update(snapshot({ failed: 0 }));
  reporter.finish(snapshot());
  assert.equal(shown.length, 3);
  assert.match(shown[0], /<progress value="414" max="3000"/);
  assert.match(shown[2], /\(finished\)/);
  // The finished bar is replaced in place by one line of text, not another bar.
  assert.deepEqual(replaced, ["[answers] 412/3000 done (380 cached), 2 failed | elapsed 1m05s | $0.41 (finished)"]);

  const lines: string[] = [];
  const fallback = notebookProgress({
    display: { html: () => { throw new Error("Not ready"); }, text: () => { throw new Error("Not ready"); } }, log: (line) => lines.push(line), now: () => 0,
  });
  fallback.update(snapshot());
  fallback.update(snapshot()); // throttled
  fallback.finish(snapshot());
  assert.equal(lines.length, 2);
  assert.ok(progressHtml(snapshot({ label: "<b>" })).includes("[&lt;b&gt;]"));
});

test("a stopped run's summary says how many were not run", () => {
  assert.equal(formatProgressSummary(snapshot({ skipped: 100, spendDollars: 0 })), "[answers] 412/3000 done (380 cached), 2 failed, 100 not run | elapsed 1m05s | $0 (stopped)");
});
