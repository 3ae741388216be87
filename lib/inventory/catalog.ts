import { z } from "zod";
import { DataError, UsageError } from "../errors";
import catalogFile from "./catalog.json";

// The known inventories as data (catalog.json): which ids load from the data folder, the name each file must
// carry, its item count, where a user obtains it, a short label for titles and the domain abbreviations the
// paper's tables print. Adding an inventory to the catalog is a data edit; generic code does the rest.

const CATALOG_FILE = "lib/inventory/catalog.json";

/** Inventory ids: lower-case letters, digits and hyphens ("hexaco60", "csi96", "ipip-neo-120"). */
export const inventoryIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and hyphens");

export const catalogEntrySchema = z
  .object({
    /** The `name` the inventory file must carry (prefix of its score columns). */
    name: z.string().min(1),
    /** Short label for table and figure titles ("HEXACO x CSI"); the name when absent. */
    label: z.string().min(1).optional(),
    /** The number of items the file must hold. */
    items: z.number().int().positive(),
    /** Where to obtain the file (printed when it is missing). */
    obtain: z.string().min(1),
    /** Domain -> short label in tables ("Extr."). */
    abbreviations: z.record(z.string(), z.string().min(1)).optional(),
    /** Optional free text carried into the inventory built from a package source. */
    title: z.string().min(1).optional(),
    citation: z.string().min(1).optional(),
    license: z.string().min(1).optional(),
    /**
     * Optional: the inventory ships in an npm package instead of a data-folder file (docs/inventory.md, "Inventories
     * from a package"): the package with the items, the package with the domain and facet names, the domain order.
     */
    package: z
      .object({
        package: z.string().min(1),
        facets: z.string().min(1),
        domainOrder: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const catalogSchema = z.object({ $comment: z.string().optional(), inventories: z.record(inventoryIdSchema, catalogEntrySchema) }).strict();

export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

function parseCatalog(raw: unknown): Record<string, CatalogEntry> {
  const result = catalogSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const [, id, ...field] = issue.path.map(String);
    throw new DataError(issue.message, { file: CATALOG_FILE, record: id, field: field.join(".") || undefined });
  }
  return result.data.inventories;
}

const CATALOG: Readonly<Record<string, CatalogEntry>> = parseCatalog(catalogFile);

/** The ids of the known inventories, in catalog order ("hexaco60", "csi96"). */
export function knownInventoryIds(): string[] {
  return Object.keys(CATALOG);
}

/** The catalog entry of an id, or undefined for an id the catalog does not list. */
export function catalogEntry(id: string): CatalogEntry | undefined {
  return Object.hasOwn(CATALOG, id) ? CATALOG[id] : undefined;
}

/** The catalog entry whose file carries this inventory name ("HEXACO-60" -> hexaco60's entry), with its id. */
export function catalogEntryByName(name: string): (CatalogEntry & { id: string }) | undefined {
  const id = Object.keys(CATALOG).find((key) => CATALOG[key].name === name);
  return id === undefined ? undefined : { ...CATALOG[id], id };
}

/** The one-line usage error for an inventory argument that is neither a known id nor a file. */
export function unknownInventoryError(argument: string): UsageError {
  return new UsageError(
    `unknown inventory "${argument}"; known ids: ${knownInventoryIds().join(", ")} (or give the path of an inventory JSON file, format: docs/inventory.md)`,
  );
}
