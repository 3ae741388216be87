import { checkInventoryArguments, DEFAULT_INVENTORY_IDS } from "./load-inventory";
import { knownInventoryIds } from "./catalog";

/** The `--inventory` option of parseArgs: repeatable, an id of the catalog or the path of an inventory JSON file. */
export const INVENTORY_OPTION = { inventory: { type: "string", multiple: true } } as const;

/** Help lines for `--inventory` (what each command prints in its usage). */
export function inventoryHelp(what: string): string {
  return (
    `  --inventory ID     repeatable: ${knownInventoryIds().join(", ")} or the path of an inventory JSON file\n` +
    `                     (docs/inventory.md); ${what}; default ${DEFAULT_INVENTORY_IDS.join(" then ")}`
  );
}

/** The given `--inventory` values, checked before anything runs (unknown id: one line listing the known ids, exit 2). */
export function parseInventoryOption(values: readonly string[] | undefined): string[] | undefined {
  if (!values?.length) return undefined;
  checkInventoryArguments(values);
  return [...values];
}
