import { loadPersonaHub } from "../../data/personahub";
import type { PersonaCard } from "../../data/types";
import { parseExpandedPersona, type ExpandedPersona } from "../../prompts/parse-expanded-persona";
import { formatTraitDescriptions, traitDescriptionsFor } from "../../prompts/trait-descriptions";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult, StageRowBase } from "../types";
import { composeTraitDescription } from "./describe-traits";
import { emptyCard } from "./extract-personas";

/** A PersonaHub persona sentence with its id. */
export interface PersonaHubEntry {
  personaId: string;
  persona: string;
}

/** An expanded persona: a card (no problem: PersonaHub personas have none) plus trait statements. */
export type ExpandedPersonaRow = StageRowBase &
  PersonaCard & {
    persona: string;
    hexacoTraits: Record<string, string> | null;
    csiTraits: Record<string, string> | null;
    traitDescription: string | null;
  };

/** PersonaHub sentences (loadPersonaHub) as entries "personahub:<line index>"; rows with personaId/persona pass through. */
export function personaHubEntries(input: readonly string[] | readonly PersonaHubEntry[] | unknown = loadPersonaHub()): PersonaHubEntry[] {
  const rows: Array<string | PersonaHubEntry> = Array.isArray(input) ? [...input] : tableRows<PersonaHubEntry>(input, "PersonaHub personas");
  return rows.map((row, index) =>
    typeof row === "string" ? { personaId: `personahub:${index}`, persona: row } : (row as PersonaHubEntry),
  );
}

/**
 * Figure 15 plus Section 5.1: each PersonaHub persona expanded into a socio-demographic description with age,
 * gender and occupation, and one trait statement per HEXACO and CSI dimension.
 */
export async function expandPersonaHub(personas: readonly string[] | readonly PersonaHubEntry[] | unknown, options: StageOptions = {}): Promise<StageResult<ExpandedPersonaRow>> {
  const stage = "expandPersonaHub";
  const entries = personaHubEntries(personas);
  const chosen = sampleRows(entries, options.n, options.seed ?? 1);
  const hexacoDomains = traitDescriptionsFor("HEXACO-60").dimensions.map((dimension) => dimension.domain);
  const csiDomains = traitDescriptionsFor("CSI").dimensions.map((dimension) => dimension.domain);
  return withContext(options, async (context) => {
    const calls: StageCall<ExpandedPersona>[] = chosen.map((entry) => ({
      itemId: entry.personaId,
      promptId: "expand-persona",
      variables: { hexacoDescriptions: formatTraitDescriptions("HEXACO-60"), csiDescriptions: formatTraitDescriptions("CSI"), persona: entry.persona },
      parse: (raw) => parseExpandedPersona(raw, hexacoDomains, csiDomains),
    }));
    const result = await runStageCalls(stage, calls, options, context);
    const rows: ExpandedPersonaRow[] = result.outcomes.map((outcome, index) => {
      const entry = chosen[index];
      const value = outcome.value;
      const sourceId = entry.personaId.replace(/^personahub:/, "");
      return {
        ...emptyCard(entry.personaId, "personahub", sourceId),
        ...(value ? { age: value.age, gender: value.gender, occupation: value.occupation, description: value.description } : {}),
        persona: entry.persona,
        hexacoTraits: value?.hexaco ?? null,
        csiTraits: value?.csi ?? null,
        traitDescription: value ? composeTraitDescription(value.description, value.hexaco, value.csi) : null,
        ...rowBase(stage, context, [outcome]),
      };
    });
    return stageResult(stage, rows, result);
  });
}
