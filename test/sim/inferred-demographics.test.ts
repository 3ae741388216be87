import { test } from "node:test";
import assert from "node:assert/strict";
import { personaCardStatistics } from "../../lib/analysis/persona-card-statistics";
import { createPipelineContext } from "../../lib/pipeline/pipeline-context";
import { selectPersonas } from "../../lib/pipeline/select-personas";
import { EXTRACT_DATASETS, loadPersonaSources } from "../../lib/pipeline/stages/extract-personas";
import { inferDemographics } from "../../lib/sim/inferred-demographics";
import { detectSelfDescribedDemographics } from "../../lib/sim/persona-cues";
import { cardFromText } from "../../lib/sim/respond-persona";
import { temporaryCache, useRealData } from "../pipeline/helpers";
import { ESCONV_TRAIN, skipWithoutData } from "../support/data-folder";

// Issue 24: the simulated Table 1 counted 0 occupations on every dataset and 0 ages on ESConv, because the
// simulator's extraction filled a field only from an explicit statement ("I work as a nurse", "I'm 23"), which few
// seekers make. It now also infers them from the setting, as an extracting model does (SIM_VERSION 4).

const infer = (text: string) => inferDemographics(text, detectSelfDescribedDemographics(text));

test("inferDemographics: occupation and age from work, school, job-loss and family words; stated cues win", () => {
  assert.deepEqual(infer("My boss yells at me every day and my wife says I should quit."), { age: "middle-aged", gender: "male", occupation: "employee" });
  assert.deepEqual(infer("I was laid off last month because of the pandemic."), { age: "unknown", gender: "unknown", occupation: "unemployed" });
  assert.deepEqual(infer("My finals are next week and my parents expect straight As."), { age: "young", gender: "unknown", occupation: "student" });
  assert.equal(infer("My professor failed me this semester.").occupation, "college student");
  assert.equal(infer("My professor failed me this semester.").age, "young");
  assert.deepEqual(infer("Everyone in high school ignores me."), { age: "teenage", gender: "unknown", occupation: "high school student" });
  // Stated cues are kept as they are.
  assert.deepEqual(infer("I'm 52 and I work as a nurse; my boss is awful."), { age: "middle-aged", years: 52, gender: "unknown", occupation: "nurse" });
  // Nothing to infer from: unknown stays unknown.
  assert.deepEqual(infer("I feel sad and alone all the time."), { age: "unknown", gender: "unknown", occupation: "unknown" });
});

test("the simulated card holds what was inferred, in its fields and its description, and Table 1 counts it", () => {
  const { card } = cardFromText("Seeker: Hi. I am so stressed. My boss keeps piling on work and my kids need me at home.\nSupporter: That sounds hard.", "Seeker");
  assert.equal(card.occupation, "employee");
  assert.equal(card.age, "middle-aged");
  assert.match(card.description, /^The person is a middle-aged person who works as an employee\./);
  const [row] = personaCardStatistics([{ id: "x", sourceDataset: "esconv", sourceId: "1", ...card }]);
  assert.equal(row.withOccupation, 1);
  assert.equal(row.withAge, 1);
});

test("the simulated Table 1 at N = 20 counts occupations and ages on every dataset, exactly those its cards hold", { skip: skipWithoutData([ESCONV_TRAIN]), timeout: 180_000 }, async () => {
  useRealData();
  const cache = temporaryCache();
  const context = createPipelineContext({ model: { provider: "sim" }, cachePath: cache.path });
  try {
    for (const dataset of EXTRACT_DATASETS) {
      const selection = await selectPersonas(loadPersonaSources(dataset), { context, n: 20, seed: 1, progress: false });
      const [row] = selection.statistics;
      const known = (field: "age" | "occupation") => selection.chosen.filter((card) => card[field] !== "unknown").length;
      assert.equal(row.personas, 20, dataset);
      assert.equal(row.withOccupation, known("occupation"), `${dataset}: Table 1 counts the cards' occupations`);
      assert.equal(row.withAge, known("age"), `${dataset}: Table 1 counts the cards' ages`);
      assert.ok(row.withOccupation >= 3, `${dataset}: ${row.withOccupation} of 20 cards with an occupation`);
      assert.ok(row.withAge >= 3, `${dataset}: ${row.withAge} of 20 cards with an age`);
    }
  } finally {
    context.close();
    cache.remove();
  }
});
