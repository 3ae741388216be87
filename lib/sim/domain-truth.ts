import { readFileSync } from "node:fs";
import { z } from "zod";
import { DataError } from "../errors";
import { libraryAsset } from "../paths";
import { SIM_TRAITS } from "./sim-truth";

/**
 * The simulator's generic truth per inventory domain, read from lib/sim/truth/domain-loadings.json: which of the
 * 12 latent traits (SIM_TRAITS) an inventory domain loads on, and how strongly. Any inventory can be answered:
 * a domain that is not listed loads on the latent trait of the same name, else it is a trait of its own,
 * independent of every other (docs/prompts-and-sim.md, "Any inventory").
 */

const secondarySchema = z.object({ trait: z.string().min(1), loading: z.number().min(-1).max(1) }).strict();
const loadingSchema = z
  .object({
    trait: z.string().min(1),
    loading: z.number().min(-1).max(1).default(1),
    /** Optional secondary loadings on other latent traits (a Big Five domain that relates to two HEXACO traits). */
    also: z.array(secondarySchema).optional(),
  })
  .strict();
const fileSchema = z
  .object({
    note: z.string().optional(),
    defaults: z.object({ sameName: z.string().optional(), sameNameLoading: z.number().min(-1).max(1), otherwise: z.string().optional() }).strict(),
    inventories: z.array(
      z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).default([]), domains: z.record(z.string(), loadingSchema) }).strict(),
    ),
  })
  .strict();

export type DomainLoadings = z.infer<typeof fileSchema>;

/** Where an inventory domain's latent value comes from. */
export type DomainTruth =
  | { kind: "trait"; trait: number; loading: number; also?: Array<{ trait: number; loading: number }> }
  | { kind: "independent"; name: string };

let loaded: DomainLoadings | undefined;

/** The parsed truth file (validated; a trait it names must be one of SIM_TRAITS). */
export function domainLoadings(): DomainLoadings {
  if (loaded) return loaded;
  const file = libraryAsset("sim", "truth", "domain-loadings.json");
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new DataError(`invalid simulator truth file: ${parsed.error.issues[0]?.message}`, { file, field: parsed.error.issues[0]?.path.join(".") });
  for (const inventory of parsed.data.inventories) {
    for (const [domain, entry] of Object.entries(inventory.domains)) {
      if (!SIM_TRAITS.includes(entry.trait)) throw new DataError(`unknown latent trait "${entry.trait}"`, { file, field: `${inventory.name}.${domain}.trait` });
      for (const [index, secondary] of (entry.also ?? []).entries()) {
        if (!SIM_TRAITS.includes(secondary.trait)) throw new DataError(`unknown latent trait "${secondary.trait}"`, { file, field: `${inventory.name}.${domain}.also[${index}].trait` });
      }
    }
  }
  loaded = parsed.data;
  return loaded;
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The simulator's name for an inventory: the truth file's name when the given name or file id is one of its names
 * or aliases ("hexaco60" -> "HEXACO-60", "csi96" -> "CSI"), else the given name itself.
 */
export function simInventoryName(inventory: string): string {
  const wanted = fold(inventory);
  const found = domainLoadings().inventories.find((entry) => fold(entry.name) === wanted || entry.aliases.some((alias) => fold(alias) === wanted));
  return found?.name ?? inventory;
}

const truthCache = new Map<string, DomainTruth>();

/** Where the latent value of an inventory's domain comes from (truth file, then same-name trait, then independent). */
export function domainTruth(inventory: string, domain: string): DomainTruth {
  const memo = `${inventory}\u0000${domain}`;
  const known = truthCache.get(memo);
  if (known) return known;
  const file = domainLoadings();
  const name = simInventoryName(inventory);
  const listed = file.inventories.find((entry) => entry.name === name);
  const entry = listed ? Object.entries(listed.domains).find(([key]) => fold(key) === fold(domain))?.[1] : undefined;
  let result: DomainTruth;
  if (entry) {
    result = { kind: "trait", trait: SIM_TRAITS.indexOf(entry.trait), loading: entry.loading };
    if (entry.also?.length) result.also = entry.also.map((secondary) => ({ trait: SIM_TRAITS.indexOf(secondary.trait), loading: secondary.loading }));
  }
  else {
    const sameName = SIM_TRAITS.findIndex((trait) => fold(trait.slice(trait.indexOf(":") + 1)) === fold(domain));
    result = sameName >= 0 ? { kind: "trait", trait: sameName, loading: file.defaults.sameNameLoading } : { kind: "independent", name: `${name}:${domain}` };
  }
  truthCache.set(memo, result);
  return result;
}

/** Index into SIM_TRAITS of a domain that IS a latent trait (loading 1), else -1 (the paper's 12 domains, same-name domains). */
export function traitIndex(inventory: string, domain: string): number {
  const truth = domainTruth(inventory, domain);
  return truth.kind === "trait" && truth.loading === 1 && !truth.also?.length ? truth.trait : -1;
}
