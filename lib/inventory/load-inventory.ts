import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError, MissingDataError } from "../errors";
import { parseJson } from "../data/validate";
import { dataDirectory } from "../paths";
import { validateInventory, type Inventory } from "./inventory-schema";
import { readTextFile } from "../files/read-text-file";

/** The two inventories of the paper, as the data step places them under <data directory>/inventories/. */
export const STANDARD_INVENTORIES = {
  hexaco60: {
    name: "HEXACO-60",
    items: 60,
    obtain: "the HEXACO-60 self-report form from hexaco.org (Ashton & Lee, 2009)",
  },
  csi96: {
    name: "CSI",
    items: 96,
    obtain:
      "the Communication Styles Inventory items from the appendix of de Vries, Bakker-Pieper, Konings & Schouten (2013), Communication Research 40(4)",
  },
} as const;

export type StandardInventoryName = keyof typeof STANDARD_INVENTORIES;

/** Parses inventory JSON text; `file` is only used to name the source in errors. */
export function parseInventory(text: string, file: string): Inventory {
  return validateInventory(parseJson(text, file), file);
}

/** Reads and validates an inventory JSON file (format: docs/inventory.md). */
export function loadInventory(path: string): Inventory {
  return parseInventory(readTextFile(path, "inventory file (format: see the inventory section of README.md)"), path);
}

/** Where a standard inventory is expected: <data directory>/inventories/<name>.json. */
export function standardInventoryPath(name: StandardInventoryName): string {
  return join(dataDirectory(), "inventories", `${name}.json`);
}

/** Loads "hexaco60" or "csi96" from the data directory and checks it is the inventory it claims to be. */
export function loadStandardInventory(name: StandardInventoryName): Inventory {
  const expected = STANDARD_INVENTORIES[name];
  if (!expected) {
    throw new DataError(`unknown standard inventory "${String(name)}"; known: ${Object.keys(STANDARD_INVENTORIES).join(", ")}`);
  }
  const path = standardInventoryPath(name);
  if (!existsSync(path)) {
    throw new MissingDataError(
      path,
      `the ${expected.name} inventory is missing. Run \`npm run data\` (or \`npm run data -- --from DIR\`), ` +
        `or obtain ${expected.obtain} and save it at this path in the JSON format described in the inventory section of README.md.`,
    );
  }
  const inventory = loadInventory(path);
  if (inventory.name !== expected.name) {
    throw new DataError(`expected the inventory named "${expected.name}", found "${inventory.name}"`, { file: path, field: "name" });
  }
  if (inventory.items.length !== expected.items) {
    throw new DataError(`expected ${expected.items} items, found ${inventory.items.length}`, { file: path, field: "items" });
  }
  return inventory;
}
