import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Inventory } from "../inventory/inventory-schema";
import { catalogEntry, knownInventoryIds } from "../inventory/catalog";
import { inventoriesRead, loadInventory } from "../inventory/load-inventory";
import { completeLanguages } from "../inventory/package-inventory";
import { dataDirectory } from "../paths";
import { normalizedText } from "./persona-text";

/** An inventory statement as the simulator finds it: by its text, in an inventory file it can read. */
export interface KnownStatement {
  /** The inventory's name ("HEXACO-60", "CSI", or any other inventory's name). */
  inventory: string;
  itemId: number;
  domain: string;
  reversed: boolean;
}

/** Inventories the simulator knows: loaded inventories, or paths of inventory files (docs/inventory.md format). */
export type SimInventorySource = Inventory | string;

/**
 * The statements the simulator recognises, by normalized text: the given inventories first, then every inventory
 * file in <data directory>/inventories/, then every inventory that ships in a package (catalog entries with a
 * `package` source), in every language it ships completely (read lazily, through lib/inventory's loader). A
 * statement is answered
 * from the generic truth of its inventory's domain (domain-truth.ts); a statement in none of them is answered
 * from a neutral trait, with a warning.
 */
/** Adds an inventory's statements to an index (the first inventory to name a statement keeps it). */
function addTo(index: Map<string, KnownStatement>, inventory: Inventory): void {
  for (const item of inventory.items) {
    const key = normalizedText(item.text);
    if (!index.has(key)) index.set(key, { inventory: inventory.name, itemId: item.id, domain: item.domain, reversed: item.reversed });
  }
}

export class KnownStatements {
  private index: Map<string, KnownStatement> | undefined;
  /** How many of the process's read inventory files (inventoriesRead) the index holds. */
  private readCount = 0;
  readonly problems: string[] = [];

  constructor(private readonly sources: readonly SimInventorySource[] = [], private readonly readDataFolder = true) {}

  private build(): Map<string, KnownStatement> {
    const index = new Map<string, KnownStatement>();
    const add = (inventory: Inventory) => addTo(index, inventory);
    for (const source of this.sources) add(typeof source === "string" ? loadInventory(source) : source);
    if (this.readDataFolder) {
      const folder = join(dataDirectory(), "inventories");
      const files = existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith(".json")).sort() : [];
      for (const file of files) {
        try {
          add(loadInventory(join(folder, file)));
        } catch (error) {
          this.problems.push(`sim: cannot read ${join(folder, file)} as an inventory (${error instanceof Error ? error.message : String(error)})`);
        }
      }
    }
    if (this.readDataFolder) {
      for (const id of knownInventoryIds()) {
        const entry = catalogEntry(id);
        if (!entry?.package) continue;
        try {
          for (const language of completeLanguages(entry)) add(loadInventory(id, { language }));
        } catch (error) {
          this.problems.push(`sim: cannot read the inventory ${id} from its package (${error instanceof Error ? error.message : String(error)})`);
        }
      }
    }
    return index;
  }

  /** The index, with every inventory file read in this process since it was built (e.g. `--inventory my.json`). */
  private current(): Map<string, KnownStatement> {
    this.index ??= this.build();
    const read = inventoriesRead();
    for (; this.readCount < read.length; this.readCount++) addTo(this.index, read[this.readCount]);
    return this.index;
  }

  /** The inventory item whose statement this is, or undefined. */
  find(statement: string): KnownStatement | undefined {
    return this.current().get(normalizedText(statement));
  }

  /** The first known statement that occurs in a text (for prompts whose template the simulator cannot read). */
  findIn(text: string): { statement: string; item: KnownStatement } | undefined {
    const index = this.current();
    const folded = normalizedText(text);
    let best: { statement: string; item: KnownStatement } | undefined;
    for (const [statement, item] of index) {
      if (statement.length > (best?.statement.length ?? 0) && folded.includes(statement)) best = { statement, item };
    }
    return best;
  }
}
