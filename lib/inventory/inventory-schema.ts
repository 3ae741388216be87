import { z } from "zod";
import { DataError } from "../errors";
import { inventoryIdSchema } from "./catalog";

// Objects are strict so that a misspelt key ("reverse", "domian") is reported instead of silently ignored.
export const inventoryItemSchema = z
  .object({
    id: z.number().int().positive(),
    text: z.string().min(1),
    domain: z.string().min(1),
    facet: z.string().min(1).optional(),
    reversed: z.boolean(),
  })
  .strict();

export const inventoryScaleSchema = z
  .object({
    min: z.number().int(),
    max: z.number().int(),
  })
  .strict();

export const inventorySchema = z
  .object({
    // The name prefixes wide score columns ("HEXACO-60:Emotionality"), so it must not contain the separator.
    name: z
      .string()
      .min(1)
      .refine((name) => !name.includes(":"), { message: 'must not contain ":" (it separates name and domain in score columns)' }),
    /** Optional: the id the inventory is known by (the file name without .json when absent). */
    id: inventoryIdSchema.optional(),
    title: z.string().optional(),
    citation: z.string().optional(),
    source: z.string().optional(),
    license: z.string().optional(),
    /** Optional: the language code of the item texts ("en", "de"); English when absent. */
    language: z.string().min(2).optional(),
    scale: inventoryScaleSchema,
    domains: z.array(z.string().min(1)).min(1),
    /** Optional: domain -> short label in tables ("Extr."); the catalog gives them for the standard inventories. */
    abbreviations: z.record(z.string(), z.string().min(1)).optional(),
    items: z.array(inventoryItemSchema).min(1),
  })
  .strict();

export type InventoryItem = z.infer<typeof inventoryItemSchema>;
export type InventoryScale = z.infer<typeof inventoryScaleSchema>;
export type Inventory = z.infer<typeof inventorySchema>;

function itemRecord(items: unknown, index: number): string {
  const item = Array.isArray(items) ? items[index] : undefined;
  const id = item && typeof item === "object" && "id" in item ? (item as { id: unknown }).id : undefined;
  return id === undefined ? `items[${index}]` : `items[${index}] (id ${JSON.stringify(id)})`;
}

/** Turns the first zod issue into a DataError naming the record (item index and id) and the field. */
function issueToError(issue: z.core.$ZodIssue, raw: unknown, file: string): DataError {
  const path = issue.path.map(String);
  let record: string | undefined;
  let fieldPath = path;
  if (path[0] === "items" && path.length >= 2) {
    record = itemRecord((raw as { items?: unknown }).items, Number(path[1]));
    fieldPath = path.slice(2);
  }
  let message = issue.message;
  if (issue.code === "unrecognized_keys") {
    message = `unknown key(s) ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`;
    fieldPath = [...fieldPath, issue.keys[0]];
  }
  const field = fieldPath.length > 0 ? fieldPath.join(".") : undefined;
  return new DataError(message, { file, record, field });
}

/** Checks what the shape alone cannot: unique ids and domains, a usable scale, domains and items that match. */
function checkSemantics(inventory: Inventory, file: string): void {
  const { scale, domains, items } = inventory;
  if (scale.min >= scale.max) {
    throw new DataError(`scale minimum ${scale.min} must be below its maximum ${scale.max}`, { file, field: "scale" });
  }
  const seenDomains = new Set<string>();
  domains.forEach((domain, index) => {
    if (seenDomains.has(domain)) {
      throw new DataError(`domain "${domain}" is listed twice`, { file, record: `domains[${index}]`, field: "domains" });
    }
    seenDomains.add(domain);
  });
  for (const domain of Object.keys(inventory.abbreviations ?? {})) {
    if (!seenDomains.has(domain)) {
      throw new DataError(`abbreviated domain "${domain}" is not in the inventory's "domains" list`, { file, field: `abbreviations.${domain}` });
    }
  }
  const seenIds = new Map<number, number>();
  const domainsWithItems = new Set<string>();
  items.forEach((item, index) => {
    const record = `items[${index}] (id ${item.id})`;
    const earlier = seenIds.get(item.id);
    if (earlier !== undefined) {
      throw new DataError(`item id ${item.id} is already used by items[${earlier}]`, { file, record, field: "id" });
    }
    seenIds.set(item.id, index);
    if (!seenDomains.has(item.domain)) {
      throw new DataError(`domain "${item.domain}" is not in the inventory's "domains" list`, {
        file,
        record,
        field: "domain",
      });
    }
    domainsWithItems.add(item.domain);
  });
  domains.forEach((domain, index) => {
    if (!domainsWithItems.has(domain)) {
      throw new DataError(`domain "${domain}" has no items`, { file, record: `domains[${index}]`, field: "domains" });
    }
  });
}

/** Validates an already-parsed JSON value as an inventory; throws DataError naming file, record and field. */
export function validateInventory(raw: unknown, file: string): Inventory {
  const result = inventorySchema.safeParse(raw);
  if (!result.success) throw issueToError(result.error.issues[0], raw, file);
  checkSemantics(result.data, file);
  return result.data;
}
