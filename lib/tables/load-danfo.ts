import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "../paths";

let danfo: typeof import("danfojs-node") | undefined;

/**
 * danfojs-node, loaded on first use: it takes seconds to load (it brings TensorFlow.js), so only code that makes a
 * DataFrame pays for it. createRequire keeps this synchronous in both ESM (tsx) and CommonJS (tslab) without
 * import.meta. The one place the project loads danfojs.
 */
export function loadDanfo(): typeof import("danfojs-node") {
  danfo ??= createRequire(join(projectRoot(), "package.json"))("danfojs-node") as typeof import("danfojs-node");
  return danfo;
}
