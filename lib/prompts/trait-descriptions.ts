import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseJsonData } from "../data/validate";
import { UsageError } from "../errors";
import { libraryAsset } from "../paths";

/** Dimension descriptions of HEXACO and CSI used in Figures 12, 15 and 16 (lib/prompts/data/trait-descriptions.json). */
export interface TraitDimension {
  domain: string;
  description: string;
  /** Behaviour phrases for a high / low scorer (used by the offline simulator to write trait sentences). */
  high: string;
  low: string;
}

export interface InventoryTraitDescriptions {
  inventory: string;
  label: string;
  dimensions: TraitDimension[];
}

const fileSchema = z.object({
  note: z.string(),
  inventories: z.array(
    z.object({
      inventory: z.string().min(1),
      label: z.string().min(1),
      dimensions: z
        .array(z.object({ domain: z.string().min(1), description: z.string().min(1), high: z.string().min(1), low: z.string().min(1) }))
        .length(6),
    }),
  ),
});

export function parseTraitDescriptions(text: string, file = "trait-descriptions.json"): InventoryTraitDescriptions[] {
  return parseJsonData(fileSchema, text, file).inventories;
}

let cached: InventoryTraitDescriptions[] | undefined;

export function loadTraitDescriptions(): InventoryTraitDescriptions[] {
  if (!cached) {
    const file = libraryAsset("prompts", "data", "trait-descriptions.json");
    cached = parseTraitDescriptions(readFileSync(file, "utf8"), file);
  }
  return cached;
}

/** Accepts the inventory name ("HEXACO-60", "CSI") or a short label ("HEXACO", "hexaco", "csi"). */
export function traitDescriptionsFor(inventory: string): InventoryTraitDescriptions {
  const wanted = inventory.toLowerCase();
  const found = loadTraitDescriptions().find(
    (entry) => entry.inventory.toLowerCase() === wanted || entry.label.toLowerCase() === wanted || wanted.startsWith(entry.label.toLowerCase()),
  );
  if (!found) throw new UsageError(`no trait descriptions for inventory "${inventory}" (known: HEXACO-60, CSI)`);
  return found;
}

/** The $(descriptions of six indicators) slot of Figures 12 and 16: one "Domain: description" per line. */
export function formatTraitDescriptions(inventory: string): string {
  return traitDescriptionsFor(inventory)
    .dimensions.map((dimension) => `${dimension.domain}: ${dimension.description}`)
    .join("\n");
}

/** The $(the seeker's HEXACO/CSI scores) slot of Figure 16: one "Domain: 3.40" per line, in the inventory's order. */
export function formatTraitScores(inventory: string, scores: Record<string, number | null | undefined>): string {
  const lines: string[] = [];
  for (const dimension of traitDescriptionsFor(inventory).dimensions) {
    const value = scores[dimension.domain] ?? scores[`${traitDescriptionsFor(inventory).inventory}:${dimension.domain}`];
    lines.push(`${dimension.domain}: ${typeof value === "number" && Number.isFinite(value) ? value.toFixed(2) : "unknown"}`);
  }
  return lines.join("\n");
}
