import { test } from "node:test";
import assert from "node:assert/strict";
import { personaCardStatistics } from "../../lib/analysis/persona-card-statistics";
import { pcaAblation } from "../../lib/questions/rq2/pca-ablation";
import { rq3Strategies } from "../../lib/questions/rq3/rq3-strategies";
import { personaCardTable } from "../../lib/tables/persona-tables";
import { pcaSpreadTable } from "../../lib/questions/rq2/consistency-tables";
import { strategyTable } from "../../lib/questions/rq3/strategy-tables";
import { toMarkdown } from "../../lib/tables/markdown";
import { toCsv } from "../../lib/tables/csv";
import { fixture } from "../analysis/fixtures";

type Row = Record<string, unknown>;

test("Table 1 layout: one column per dataset, one row per statistic", () => {
  const cards = [
    { id: "esconv:1", sourceDataset: "esconv", sourceId: "1", age: "young", gender: "male", occupation: "nurse", description: "a b c", problem: "d e" },
    { id: "esconv:2", sourceDataset: "esconv", sourceId: "2", age: "unknown", gender: "female", occupation: "", description: "a b c d e", problem: "f" },
    { id: "dreaddit:9", sourceDataset: "dreaddit", sourceId: "9", age: "old", gender: "unknown", occupation: "baker", description: "x", problem: "y z" },
  ];
  const markdown = toMarkdown(personaCardTable(personaCardStatistics(cards)));
  assert.match(markdown, /\| Dataset \| ESConv \| Dreaddit \|/);
  assert.match(markdown, /\| Data Type \| dialogue \| QA \|/);
  assert.match(markdown, /\| Num\. of personas \| 2 \| 1 \|/);
  assert.match(markdown, /\| Avg\. words of desc\. \| 4 \| 1 \|/);
  assert.match(markdown, /\| Avg\. words of prob\. \| 1\.50 \| 2 \|/);
  assert.match(markdown, /\| Num\. of age \| 1 \| 1 \|/);
  assert.match(markdown, /\| Num\. of gender \| 2 \| 0 \|/);
  assert.match(markdown, /\| Num\. of occupation \| 1 \| 1 \|/);
});

test("PCA spread table names the explained variance and both conditions", () => {
  const data = fixture<{ extracted: Row[]; without: Row[] }>("consistency.json");
  const markdown = toMarkdown(pcaSpreadTable(pcaAblation(data.extracted, data.without)));
  // expected.py: explained variance ratio .2637 and .2630 (numpy SVD); mean distance 1.5438 / 0.3157
  assert.match(markdown, /PC1 explains 26\.4% and PC2 26\.3%/);
  assert.match(markdown, /\| with persona \| 31 \| 1\.544 \|/);
  assert.match(markdown, /\| without persona \| 25 \| 0\.316 \|/);
});

test("strategy table with bootstrap interval columns; CSV keeps the raw shares", () => {
  const result = rq3Strategies(fixture<Row[]>("turns.json"), { resamples: 100, seed: 3 });
  const table = strategyTable(result, { conditions: ["both", "none"], intervals: true });
  assert.deepEqual(table.columns.map((column) => column.label), ["Strategy", "w/ PT", "w/ PT 95% CI", "w/o PT", "w/o PT 95% CI"]);
  const markdown = toMarkdown(table);
  assert.match(markdown, /\| question \| 20\.37% \| \[\d+\.\d\d, \d+\.\d\d\] \| 18\.64% \|/);
  assert.match(markdown, /100 resamples of dialogues \(seed 3\)/);
  const csv = toCsv(table).split("\r\n");
  assert.equal(csv[0], "strategy,both,both interval,none,none interval");
  assert.match(csv[1], /^question,0\.2037037037037037,/);
});
