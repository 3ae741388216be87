import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEsconv } from "../../lib/data/esconv";
import {
  classifyDialogueTurns,
  evaluateOnDialogues,
  loadClassifier,
  loadOrTrainStrategyClassifier,
  saveClassifier,
  serializeClassifier,
  trainStrategyClassifier,
  tuneStrategyClassifier,
  withSettings,
  type ClassifierEvent,
} from "../../lib/classifier";

// Made-up dialogues in ESConv's split shape (test/fixtures/classifier/esconv/*.jsonl).
const FIXTURE_DATA = join(process.cwd(), "test", "fixtures", "classifier");
const trainDialogues = loadEsconv({ split: "train", directory: FIXTURE_DATA });
const testDialogues = loadEsconv({ split: "test", directory: FIXTURE_DATA });
const quick = withSettings({ model: { maxIterations: 60 } });

function withoutTimes(serialized: string): unknown {
  const model = JSON.parse(serialized);
  delete model.training.createdAt;
  delete model.training.trainingSeconds;
  delete model.training.trainingCpuSeconds;
  return model;
}

test("training twice with the same settings gives identical weights and metrics", () => {
  const first = trainStrategyClassifier(trainDialogues, quick);
  const second = trainStrategyClassifier(trainDialogues, quick);
  assert.deepEqual(first.model.weights, second.model.weights);
  assert.deepEqual(withoutTimes(serializeClassifier(first)), withoutTimes(serializeClassifier(second)));
  const firstReport = evaluateOnDialogues(first, testDialogues, "test");
  assert.deepEqual(firstReport, evaluateOnDialogues(second, testDialogues, "test"));
  // The fixture's strategies are written in distinct phrasings, so a working trainer separates them well.
  assert.ok(firstReport.accuracy >= 0.8, `fixture accuracy ${firstReport.accuracy}`);
  // Other settings give other weights (the comparison above is not vacuous).
  const other = trainStrategyClassifier(trainDialogues, withSettings({ model: { maxIterations: 60, inverseRegularization: 0.1 } }));
  assert.notDeepEqual(other.model.weights, first.model.weights);
});

test("a saved model predicts exactly as the one in memory", () => {
  const directory = mkdtempSync(join(tmpdir(), "strategy-model-"));
  try {
    const classifier = trainStrategyClassifier(trainDialogues, quick);
    const path = join(directory, "model.json");
    saveClassifier(classifier, path);
    const reloaded = loadClassifier(path);
    const inputs = testDialogues.flatMap((dialogue) => dialogue.turns.map((turn) => ({ text: turn.text })));
    assert.deepEqual(reloaded.predict(inputs), classifier.predict(inputs));
    assert.equal(reloaded.training.fingerprint, classifier.training.fingerprint);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("loadOrTrain trains when missing, reuses an up-to-date file, retrains a stale or broken one", async () => {
  const directory = mkdtempSync(join(tmpdir(), "strategy-model-"));
  try {
    const modelPath = join(directory, "model.json");
    const events: ClassifierEvent[] = [];
    const options = { modelPath, dataDirectory: FIXTURE_DATA, settings: quick, onProgress: (event: ClassifierEvent) => events.push(event) };
    const trained = await loadOrTrainStrategyClassifier(options);
    assert.deepEqual(
      events.filter((event) => event.stage !== "optimize").map((event) => event.stage),
      ["features", "vocabulary", "done", "saved"],
    );
    assert.ok(events.some((event) => event.stage === "optimize"));

    // Another path holding the same file: read, not retrained.
    const copyPath = join(directory, "copy.json");
    copyFileSync(modelPath, copyPath);
    events.length = 0;
    const loaded = await loadOrTrainStrategyClassifier({ ...options, modelPath: copyPath });
    assert.deepEqual(events.map((event) => event.stage), ["loaded"]);
    assert.equal(loaded.training.fingerprint, trained.training.fingerprint);

    // Other settings: the file's fingerprint no longer matches.
    events.length = 0;
    const changed = await loadOrTrainStrategyClassifier({ ...options, modelPath: copyPath, settings: withSettings({ model: { maxIterations: 30 } }) });
    assert.equal(events[0].stage, "stale");
    assert.notEqual(changed.training.fingerprint, trained.training.fingerprint);

    // A broken file is replaced, not trusted.
    const brokenPath = join(directory, "broken.json");
    writeFileSync(brokenPath, "{not json");
    events.length = 0;
    await loadOrTrainStrategyClassifier({ ...options, modelPath: brokenPath });
    assert.equal(events[0].stage, "stale");
    assert.match((events[0] as { reason: string }).reason, /unreadable/);
    assert.equal(loadClassifier(brokenPath).training.fingerprint, trained.training.fingerprint);

    // The RQ3 adapter: one annotation per supporter turn, gold labels ignored.
    const dialogue = testDialogues[0];
    const annotations = await classifyDialogueTurns(dialogue.turns, trained);
    const supporterIndices = dialogue.turns.flatMap((turn, index) => (turn.speaker === "supporter" ? [index] : []));
    assert.deepEqual(annotations.map((annotation) => annotation.turnIndex), supporterIndices);
    const unlabeled = dialogue.turns.map(({ speaker, text }) => ({ speaker, text }));
    assert.deepEqual(await classifyDialogueTurns(unlabeled, trained), annotations);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("tuning trains once per override and scores every prior correction on valid", () => {
  const validDialogues = loadEsconv({ split: "valid", directory: FIXTURE_DATA });
  const seen: number[] = [];
  const rows = tuneStrategyClassifier(
    trainDialogues,
    validDialogues,
    [{ model: { maxIterations: 40 } }, { model: { maxIterations: 40 }, features: { charNgramMax: 0 } }],
    (row) => seen.push(row.macroF1),
    [0, 1],
  );
  assert.deepEqual(
    rows.map((row) => [row.override.features?.charNgramMax, row.settings.priorCorrection]),
    [
      [undefined, 0],
      [undefined, 1],
      [0, 0],
      [0, 1],
    ],
  );
  assert.equal(rows[0].iterations, rows[1].iterations); // the same trained model, scored twice
  assert.deepEqual(seen, rows.map((row) => row.macroF1));
  for (const row of rows) assert.ok(row.macroF1 > 0.5 && row.accuracy > 0.5);
});
