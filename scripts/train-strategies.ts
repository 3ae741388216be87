// `npm run train:strategies`: builds artifacts/strategy-classifier.json from ESConv's train split
// (retraining only when the settings or the data changed; pass --force to retrain anyway), then prints
// the held-out test-split metrics.
import { evaluateStrategyClassifier, formatEvaluation, loadOrTrainStrategyClassifier } from "../lib/classifier";

async function main(): Promise<void> {
  const force = process.argv.includes("--force");
  const classifier = await loadOrTrainStrategyClassifier({ retrain: force });
  const record = classifier.training;
  console.log(
    `model: ${record.trainingTurns} training turns, ${classifier.encoder.columnCount} features, ` +
      `${record.iterations} L-BFGS iterations, trained in ${record.trainingSeconds.toFixed(1)} s ` +
      `(${record.trainingCpuSeconds.toFixed(1)} CPU s)`,
  );
  console.log(formatEvaluation(evaluateStrategyClassifier(classifier, { split: "test" })));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
