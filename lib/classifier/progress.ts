import type { TrainingEvent } from "./train";

export type ClassifierEvent =
  | TrainingEvent
  | { stage: "loaded"; path: string }
  | { stage: "stale"; path: string; reason: string }
  | { stage: "saved"; path: string };

/**
 * Progress lines on stderr (stdout stays clean for --json output). On a terminal the optimizer's line is
 * rewritten in place; elsewhere (CI logs, notebooks) every 25th iteration is printed.
 */
export function stderrProgress(prefix = "strategy classifier"): (event: ClassifierEvent) => void {
  const interactive = Boolean(process.stderr.isTTY);
  let openLine = false;
  const line = (text: string) => {
    if (openLine) process.stderr.write("\n");
    openLine = false;
    process.stderr.write(`${prefix}: ${text}\n`);
  };
  return (event) => {
    switch (event.stage) {
      case "features":
        line(`training on ${event.turns} labeled supporter turns (ESConv train split)`);
        break;
      case "vocabulary":
        line(`${event.features} features`);
        break;
      case "optimize": {
        const text = `L-BFGS iteration ${event.iteration}/${event.maxIterations}, loss ${event.loss.toFixed(2)}`;
        if (interactive) {
          process.stderr.write(`\r${prefix}: ${text}`);
          openLine = true;
        } else if (event.iteration % 25 === 0) {
          line(text);
        }
        break;
      }
      case "done":
        line(`trained in ${event.seconds.toFixed(1)} s, ${event.cpuSeconds.toFixed(1)} CPU s (${event.iterations} iterations)`);
        break;
      case "stale":
        line(`model at ${event.path} is ${event.reason}; retraining`);
        break;
      case "saved":
        line(`saved model to ${event.path}`);
        break;
      case "loaded":
        break;
    }
  };
}
