import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { DataError, MissingDataError, UsageError } from "../errors";
import { parseJson } from "../data/validate";
import { dataDirectory } from "../paths";
import { catalogEntry, catalogEntryByName, knownInventoryIds, unknownInventoryError } from "./catalog";
import { validateInventory, type Inventory } from "./inventory-schema";
import { readTextFile } from "../files/read-text-file";
import { loadPackageInventory } from "./package-inventory";

/** The inventories the paper measures, in its order: RQ1 correlates the first (rows) with the second (columns). */
export const DEFAULT_INVENTORY_IDS: readonly string[] = ["hexaco60", "csi96"];

/** The catalog's standard inventories by id (derived from catalog.json; kept for callers of the old constant). */
export const STANDARD_INVENTORIES: Readonly<Record<string, { name: string; items: number; obtain: string }>> = Object.fromEntries(
  knownInventoryIds().map((id) => {
    const { name, items, obtain } = catalogEntry(id)!;
    return [id, { name, items, obtain }];
  }),
);

/** An id of the catalog ("hexaco60", "csi96"). */
export type StandardInventoryName = string;

// Where each loaded inventory came from (its id and file), kept beside the object so that the inventory stays the
// file's data: expectedPairs looks for a pairing file next to an inventory loaded from a path.
const origins = new WeakMap<Inventory, { id: string; file?: string }>();

/** The id of an inventory: the file's `id`, else the catalog id it was loaded by, else its file name without .json. */
export function inventoryId(inventory: Inventory): string {
  return inventory.id ?? origins.get(inventory)?.id ?? catalogEntryByName(inventory.name)?.id ?? inventory.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** The file an inventory was loaded from (undefined for one parsed from text or built in code). */
export function inventoryFile(inventory: Inventory): string | undefined {
  return origins.get(inventory)?.file;
}

/** Domain -> short table label: the file's `abbreviations`, else the catalog's for its id. */
export function inventoryAbbreviations(inventory: Inventory): Readonly<Record<string, string>> {
  return inventory.abbreviations ?? catalogEntry(inventoryId(inventory))?.abbreviations ?? {};
}

/** Parses inventory JSON text; `file` is only used to name the source in errors. */
export function parseInventory(text: string, file: string): Inventory {
  return validateInventory(parseJson(text, file), file);
}

/**
 * Every inventory file read in this process, in reading order: what a respondent given these questionnaires could
 * know of them. The offline simulator matches statements against them (as it does against the data folder), so an
 * inventory named by path (`--inventory my.json`) is answered from its truth, not neutrally.
 */
const readInventories: Inventory[] = [];

/** The inventory files read so far in this process (see readInventories). */
export function inventoriesRead(): readonly Inventory[] {
  return readInventories;
}

/** Reads and validates an inventory JSON file (format: docs/inventory.md). */
export function loadInventoryFile(path: string, id?: string): Inventory {
  if (!existsSync(path)) {
    throw new MissingDataError(path, "inventory file not found; check the path (format: docs/inventory.md).");
  }
  const inventory = parseInventory(readTextFile(path, "inventory file (format: docs/inventory.md)"), path);
  origins.set(inventory, { id: inventory.id ?? id ?? basename(path).replace(/\.json$/i, ""), file: path });
  readInventories.push(inventory);
  return inventory;
}

const looksLikePath = (argument: string) => /[\\/]/.test(argument) || /\.json$/i.test(argument);

/** How to load an inventory: `language` picks the item texts of an inventory from a package (default English). */
export interface LoadInventoryOptions {
  language?: string;
}

/**
 * An inventory by catalog id ("hexaco60": <data folder>/inventories/hexaco60.json, checked against the catalog;
 * "ipip-neo-120": from its npm package, in `options.language`) or by the path of any inventory JSON file. An
 * argument that is neither is a UsageError listing the known ids. A language for an inventory that is not from a
 * package, other than its own, is a UsageError.
 */
export function loadInventory(idOrPath: string, options: LoadInventoryOptions = {}): Inventory {
  const inventory =
    catalogEntry(idOrPath) && !existsSync(idOrPath)
      ? loadStandardInventory(idOrPath, options)
      : looksLikePath(idOrPath) || existsSync(idOrPath)
        ? loadInventoryFile(idOrPath)
        : undefined;
  if (!inventory) throw unknownInventoryError(idOrPath);
  const language = inventory.language ?? "en";
  if (options.language !== undefined && options.language !== language) {
    throw new UsageError(`inventory "${inventory.name}" is only available in "${language}"; --language works for inventories from a package (${packageInventoryIds().join(", ")})`);
  }
  return inventory;
}

/** An inventory as a caller names it: a catalog id, the path of a JSON file, or an already loaded inventory. */
export type InventoryChoice = string | Inventory;

/**
 * Checks inventory arguments (CLI `--inventory`, notebook `inventories`) before anything runs: each must be a
 * catalog id or a path; an unknown id is the one-line UsageError listing the known ids (exit 2).
 */
export function checkInventoryArguments(choices: readonly InventoryChoice[]): void {
  for (const choice of choices) {
    if (typeof choice !== "string") continue;
    if (!catalogEntry(choice) && !looksLikePath(choice) && !existsSync(choice)) throw unknownInventoryError(choice);
  }
}

/**
 * Several inventories by id, path or object, in the order given; none given means the paper's pair (hexaco60,
 * csi96). The same inventory twice is a UsageError.
 */
export function loadInventories(choices: readonly InventoryChoice[] = [], options: LoadInventoryOptions = {}): Inventory[] {
  checkInventoryArguments(choices);
  const chosen = choices.length ? choices : DEFAULT_INVENTORY_IDS;
  if (options.language !== undefined && options.language !== "en" && !chosen.some((choice) => typeof choice === "string" && catalogEntry(choice)?.package)) {
    throw new UsageError(`--language applies to inventories from a package (${packageInventoryIds().join(", ")}); add --inventory ${packageInventoryIds()[0]}`);
  }
  const inventories = chosen.map((choice) => (typeof choice === "string" ? loadInventory(choice, languageFor(choice, options)) : choice));
  const names = new Set<string>();
  for (const inventory of inventories) {
    if (names.has(inventory.name)) throw new UsageError(`inventory "${inventory.name}" given twice; give each inventory once`);
    names.add(inventory.name);
  }
  return inventories;
}

/** The catalog ids of the inventories that ship in a package ("ipip-neo-120"). */
export function packageInventoryIds(): string[] {
  return knownInventoryIds().filter((id) => catalogEntry(id)?.package);
}

// A language applies to the inventories that have it (those from a package); the others keep their own.
function languageFor(choice: string, options: LoadInventoryOptions): LoadInventoryOptions {
  return catalogEntry(choice)?.package ? options : {};
}

/** Where a standard inventory is expected: <data directory>/inventories/<id>.json. */
export function standardInventoryPath(id: StandardInventoryName): string {
  return join(dataDirectory(), "inventories", `${id}.json`);
}

/** Loads a catalog inventory ("hexaco60", "csi96") from the data directory and checks it is the one it claims to be. */
export function loadStandardInventory(id: StandardInventoryName, options: LoadInventoryOptions = {}): Inventory {
  const expected = catalogEntry(id);
  if (!expected) throw unknownInventoryError(String(id));
  if (expected.package) {
    const inventory = loadPackageInventory(id, expected, options.language);
    origins.set(inventory, { id });
    return inventory;
  }
  const path = standardInventoryPath(id);
  if (!existsSync(path)) {
    throw new MissingDataError(
      path,
      `the ${expected.name} inventory is missing. Run \`npm run data\` (or \`npm run data -- --from DIR\`), ` +
        `or obtain ${expected.obtain} and save it at this path in the JSON format described in docs/inventory.md.`,
    );
  }
  const inventory = loadInventoryFile(path, id);
  if (inventory.name !== expected.name) {
    throw new DataError(`expected the inventory named "${expected.name}", found "${inventory.name}"`, { file: path, field: "name" });
  }
  if (inventory.items.length !== expected.items) {
    throw new DataError(`expected ${expected.items} items, found ${inventory.items.length}`, { file: path, field: "items" });
  }
  return inventory;
}
