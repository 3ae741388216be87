import { readdirSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths";

/** The project's notebooks (notebooks/NN-*.ipynb), in order. */
export function projectNotebooks(): string[] {
  const directory = join(projectRoot(), "notebooks");
  return readdirSync(directory)
    .filter((file) => /^\d\d-.*\.ipynb$/.test(file))
    .sort()
    .map((file) => join(directory, file));
}

/** The environment that runs the notebooks on the simulator with a small N (reproduce, tests); set values win. */
export function smallSimEnvironment(n: number, environment: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    PERSONA_TALKS_PROVIDER: environment.PERSONA_TALKS_PROVIDER ?? "sim",
    PERSONA_TALKS_N: environment.PERSONA_TALKS_N ?? String(n),
  };
}
