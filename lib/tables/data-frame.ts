import { createRequire } from "node:module";
import { join } from "node:path";
import type { DataFrame } from "danfojs-node";
import { projectRoot } from "../paths";
import type { Table } from "./table";

// danfojs-node takes seconds to load (it brings TensorFlow.js), so it is required only when a DataFrame is
// asked for; createRequire keeps this synchronous in both ESM (tsx) and CommonJS (tslab) without import.meta.
let danfo: typeof import("danfojs-node") | undefined;
function loadDanfo(): typeof import("danfojs-node") {
  if (!danfo) danfo = createRequire(join(projectRoot(), "package.json"))("danfojs-node") as typeof import("danfojs-node");
  return danfo;
}

/**
 * The table's raw values as a danfojs DataFrame (column keys as column names; missing values as null). The
 * simulated flag cannot travel inside a DataFrame; check `table.simulated` or render the table to see it.
 */
export function toDataFrame(table: Table): DataFrame {
  const { DataFrame: Frame } = loadDanfo();
  const columns = table.columns.map((column) => column.key);
  const values = table.rows.map((row) => columns.map((key) => row[key] ?? null));
  return new Frame(values, { columns });
}
