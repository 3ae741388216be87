import { parseTraitSentences } from "../../prompts/parse-traits";
import { formatTraitDescriptions, traitDescriptionsFor } from "../../prompts/trait-descriptions";
import { cardOf, type PersonaInput } from "../persona-identity";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult, StageRowBase } from "../types";

export const TRAIT_INVENTORIES = ["HEXACO-60", "CSI"] as const;

/** A card with one sentence per HEXACO and per CSI dimension (Figure 12), and the combined description. */
export type DescribedPersonaRow = StageRowBase &
  PersonaInput & {
    hexacoTraits: Record<string, string> | null;
    csiTraits: Record<string, string> | null;
    /** The card's description followed by the twelve trait sentences: the "personality description" of Figure 13. */
    traitDescription: string | null;
  };

export function composeTraitDescription(description: string, hexaco: Record<string, string>, csi: Record<string, string>): string {
  return [description.trim(), ...Object.values(hexaco), ...Object.values(csi)].filter(Boolean).join(" ");
}

/** Figure 12, once per inventory: one sentence per dimension from the card's socio-demographic description. */
export async function describeTraits(cards: readonly PersonaInput[] | unknown, options: StageOptions = {}): Promise<StageResult<DescribedPersonaRow>> {
  const stage = "describeTraits";
  const all = tableRows<PersonaInput & { status?: string; kept?: boolean | null }>(cards, "persona cards").filter(
    (card) => card.status !== "failed" && card.kept !== false,
  );
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  return withContext(options, async (context) => {
    const calls: StageCall<Record<string, string>>[] = chosen.flatMap((card) =>
      TRAIT_INVENTORIES.map((inventory) => {
        const domains = traitDescriptionsFor(inventory).dimensions.map((dimension) => dimension.domain);
        return {
          itemId: `${card.id}/${inventory}`,
          promptId: "describe-traits",
          variables: { traitDescriptions: formatTraitDescriptions(inventory), description: card.description },
          parse: (raw: string) => parseTraitSentences(raw, domains),
        };
      }),
    );
    const result = await runStageCalls(stage, calls, options, context);
    const rows: DescribedPersonaRow[] = chosen.map((card, index) => {
      const [hexaco, csi] = [result.outcomes[2 * index], result.outcomes[2 * index + 1]];
      if (!hexaco) return { ...cardOf(card), hexacoTraits: null, csiTraits: null, traitDescription: null, ...rowBase(stage, context, []) };
      const base = rowBase(stage, context, [hexaco, csi]);
      return {
        ...cardOf(card),
        hexacoTraits: hexaco.value ?? null,
        csiTraits: csi.value ?? null,
        traitDescription: hexaco.value && csi.value ? composeTraitDescription(card.description, hexaco.value, csi.value) : null,
        ...base,
      };
    });
    return stageResult(stage, result.outcomes.length ? rows : [], result);
  });
}
