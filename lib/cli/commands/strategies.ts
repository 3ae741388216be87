import { parseArgs } from "node:util";
import { loadEsconv, ESCONV_SPLITS, type EsconvSplit } from "../../data/esconv";
import { readDialoguesToLabel } from "../../classifier/read-dialogues";
import { UsageError } from "../../errors";
import {
  evaluateStrategyClassifier,
  formatEvaluation,
  loadOrTrainStrategyClassifier,
  tuneStrategyClassifier,
  type TuningRow,
} from "../../classifier";
import type { CliCommand } from "../command";
import { readTextFile } from "../../files/read-text-file";

const HELP = `usage: persona-talks strategies <train|eval|predict|tune> [options]

The ESConv support-strategy classifier (8 strategies; TF-IDF word + character n-grams, softmax regression).
The model is built from ESConv's train split into artifacts/strategy-classifier.json on first use.

  train    [--force] [--model PATH]              train (or retrain with --force) and save the model
  eval     [--split test|valid|train] [--json]   metrics on a split (default test); --json prints
           {"split","n","accuracy","macroF1","kappa","perClass","confusion"}; confusion rows are the
           true labels and columns the predicted ones, both in STRATEGY_LABELS order
  predict  --file F [--model PATH]               label the supporter turns of dialogues: ESConv (JSON lines or
           ESConv.json), the output of run generate|continue --json, dialogue rows (dialogueId + turns,
           JSON lines or array) or turn rows (dialogueId, speaker, text[, strategy]; JSON lines or CSV);
           prints one JSON line per supporter turn: dialogueId, turnIndex, text, label, probability and
           the file's own label as "given"; labels not among the 8 strategies are counted on stderr
  tune     [--json]                              train the settings grid on train, score each on valid

Progress goes to stderr; results to stdout.`;

function splitOption(value: string | undefined): EsconvSplit {
  const split = value ?? "test";
  if (!(ESCONV_SPLITS as readonly string[]).includes(split)) {
    throw new UsageError(`--split must be one of ${ESCONV_SPLITS.join(", ")}, got "${split}"`);
  }
  return split as EsconvSplit;
}

function formatTuning(rows: TuningRow[]): string {
  const best = rows.reduce((top, row) => (row.macroF1 > top.macroF1 ? row : top), rows[0]);
  const lines = [`${"override (valid split)".padEnd(60)} accuracy macroF1  kappa  seconds`];
  for (const row of rows) {
    lines.push(
      `${JSON.stringify(row.override).padEnd(60)} ${row.accuracy.toFixed(4)}  ${row.macroF1.toFixed(4)} ${row.kappa.toFixed(4)} ${row.trainingSeconds.toFixed(1).padStart(7)}${row === best ? "  <- best macro-F1" : ""}`,
    );
  }
  return lines.join("\n");
}

async function train(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { force: { type: "boolean" }, model: { type: "string" } } });
  const classifier = await loadOrTrainStrategyClassifier({ retrain: values.force, modelPath: values.model });
  const record = classifier.training;
  console.log(
    `strategy classifier ready: ${record.trainingTurns} training turns, ${classifier.encoder.columnCount} features, ` +
      `${record.iterations} iterations, trained in ${record.trainingSeconds.toFixed(1)} s (fingerprint ${record.fingerprint.slice(0, 12)})`,
  );
  return 0;
}

async function evaluate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { split: { type: "string" }, json: { type: "boolean" }, model: { type: "string" } },
  });
  const split = splitOption(values.split);
  const classifier = await loadOrTrainStrategyClassifier({ modelPath: values.model });
  const report = evaluateStrategyClassifier(classifier, { split });
  if (values.json) {
    const { split: name, n, accuracy, macroF1, kappa, perClass, confusion } = report;
    console.log(JSON.stringify({ split: name, n, accuracy, macroF1, kappa, perClass, confusion }));
  } else {
    console.log(formatEvaluation(report));
  }
  return 0;
}

async function predict(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: "string" }, model: { type: "string" } } });
  if (!values.file) throw new UsageError("predict needs --file F (ESConv dialogues, run generate|continue --json output, dialogue rows or turn rows)");
  const { dialogues, shape, unknownStrategies } = readDialoguesToLabel(readTextFile(values.file, "dialogues file"), values.file);
  const unknown = Object.entries(unknownStrategies).sort((a, b) => b[1] - a[1]);
  process.stderr.write(`${dialogues.length} dialogues (${shape}) in ${values.file}\n`);
  if (unknown.length) {
    const total = unknown.reduce((sum, [, count]) => sum + count, 0);
    process.stderr.write(`${total} supporter turn label(s) not one of the 8 strategies (kept as given, predicted anyway): ${unknown.map(([label, count]) => `${JSON.stringify(label)} x${count}`).join(", ")}\n`);
  }
  const classifier = await loadOrTrainStrategyClassifier({ modelPath: values.model });
  const lines: string[] = [];
  for (const dialogue of dialogues) {
    classifier.classifyDialogue(dialogue.turns).forEach((prediction, turnIndex) => {
      if (!prediction) return;
      lines.push(
        JSON.stringify({
          dialogueId: dialogue.id,
          turnIndex,
          text: dialogue.turns[turnIndex].text,
          label: prediction.label,
          probability: prediction.probability,
          ...(dialogue.turns[turnIndex].givenStrategy !== undefined ? { given: dialogue.turns[turnIndex].givenStrategy } : {}),
        }),
      );
    });
  }
  if (lines.length > 0) process.stdout.write(lines.join("\n") + "\n");
  return 0;
}

async function tune(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const trainSplit = loadEsconv({ split: "train" });
  const validSplit = loadEsconv({ split: "valid" });
  const rows = tuneStrategyClassifier(trainSplit, validSplit, undefined, (row) => {
    process.stderr.write(
      `tune: ${JSON.stringify(row.override)} valid accuracy ${row.accuracy.toFixed(4)} macro-F1 ${row.macroF1.toFixed(4)}\n`,
    );
  });
  console.log(values.json ? JSON.stringify(rows) : formatTuning(rows));
  return 0;
}

export const command: CliCommand = {
  summary: "ESConv strategy classifier: train, eval (--json), predict --file, tune",
  subcommands: ["train", "eval", "predict", "tune"],
  async run(args) {
    const [action, ...rest] = args;
    if (!action || action === "--help" || action === "-h") {
      console.log(HELP);
      return action ? 0 : 2;
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(HELP);
      return 0;
    }
    switch (action) {
      case "train":
        return train(rest);
      case "eval":
        return evaluate(rest);
      case "predict":
        return predict(rest);
      case "tune":
        return tune(rest);
      default:
        throw new UsageError(`unknown action "${action}"; expected train, eval, predict or tune`);
    }
  },
};
