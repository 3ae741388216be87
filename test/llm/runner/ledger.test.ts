import assert from "node:assert/strict";
import { test } from "node:test";
import { Ledger } from "../../../lib/llm/runner/ledger";
// Prices and Batch clients come from the provider modules listed in the registry.
import "../../../lib/providers/registry";

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

test("sums tokens and dollars per stage and model; cached calls are $0 paid with their would-be cost kept", () => {
  // Prices from lib/providers/openai.json: gpt-4o-mini list $0.15 / $0.60 per 1M, batch $0.075 / $0.30;
  // claude-3-5-haiku-20241022 list $0.80 / $4.00.
  const ledger = new Ledger();
  const usage = { inputTokens: 1000, outputTokens: 200 };
  ledger.record({ stage: "answers", provider: "openai", model: "gpt-4o-mini", usage, cached: false });
  ledger.record({ stage: "answers", provider: "openai", model: "gpt-4o-mini", usage, cached: false });
  ledger.record({ stage: "answers", provider: "openai", model: "gpt-4o-mini", usage, cached: true });
  ledger.record({ stage: "answers", provider: "openai", model: "gpt-4o-mini", usage, cached: false, tier: "batch" });
  ledger.record({ stage: "dialogues", provider: "anthropic", model: "claude-3-5-haiku-20241022", usage, cached: false });
  ledger.recordFailure("dialogues", "anthropic", "claude-3-5-haiku-20241022");
  ledger.record({ stage: "answers", provider: "openai", model: "no-such-model", usage, cached: false });

  const rows = ledger.rows();
  assert.deepEqual(rows.map((row) => [row.stage, row.model]), [
    ["answers", "gpt-4o-mini"],
    ["answers", "no-such-model"],
    ["dialogues", "claude-3-5-haiku-20241022"],
  ]);
  const mini = rows[0];
  assert.equal(mini.calls, 4);
  assert.equal(mini.paidCalls, 3);
  assert.equal(mini.cachedCalls, 1);
  assert.equal(mini.paidInputTokens, 3000);
  assert.equal(mini.paidOutputTokens, 600);
  assert.equal(mini.cachedInputTokens, 1000);
  // list: 1000*0.15/1e6 + 200*0.6/1e6 = 0.00027; batch: half = 0.000135
  close(mini.paidDollars, 2 * 0.00027 + 0.000135);
  close(mini.cachedWouldBeDollars, 0.00027);
  assert.equal(rows[1].unpricedCalls, 1);
  assert.equal(rows[1].paidDollars, 0);
  const haiku = rows[2];
  close(haiku.paidDollars, 1000 * 0.8e-6 + 200 * 4e-6); // 0.0016
  assert.equal(haiku.failedCalls, 1);

  const totals = ledger.totals();
  assert.equal(totals.calls, 6);
  assert.equal(totals.failedCalls, 1);
  close(totals.paidDollars, 2 * 0.00027 + 0.000135 + 0.0016);
  assert.deepEqual(JSON.parse(JSON.stringify(ledger)), rows);
});

test("formats a table with a totals line and flags unknown prices", () => {
  const ledger = new Ledger({ pricing: (_provider, model) => (model === "known" ? 1.5 : undefined) });
  ledger.record({ stage: "s", provider: "openai", model: "known", usage: { inputTokens: 1, outputTokens: 1 }, cached: false });
  ledger.record({ stage: "s", provider: "openai", model: "mystery", usage: { inputTokens: 1, outputTokens: 1 }, cached: false });
  const table = ledger.formatTable();
  const lines = table.split("\n");
  assert.match(lines[0], /^stage\s+provider\s+model\s+paid\s+cached/);
  assert.match(table, /known .*\$1\.50/);
  assert.match(table, /mystery .*\$0\*/);
  assert.match(lines.find((line) => line.startsWith("(all)"))!, /\$1\.50\*/);
  assert.match(table, /no known price/);
});

test("a missing stage is shown as (no stage)", () => {
  const ledger = new Ledger({ pricing: () => 0 });
  ledger.record({ provider: "local", model: "m", usage: { inputTokens: 1, outputTokens: 1 }, cached: false });
  assert.equal(ledger.rows()[0].stage, "(no stage)");
});
