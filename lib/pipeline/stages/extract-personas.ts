import { camsPosts } from "../../data/cams";
import { dreadditPosts } from "../../data/dreaddit";
import { loadEsconv } from "../../data/esconv";
import type { Dialogue, PersonaCard, Post, SourceDataset } from "../../data/types";
import { UsageError } from "../../errors";
import { formatDialogueTranscript } from "../../prompts/format-dialogue";
import { parsePersonaCard, type PersonaCardFields } from "../../prompts/parse-persona";
import { rowBase, runStageCalls, stageResult, withContext, type StageCall } from "../run-stage";
import { sampleRows, tableRows } from "../table";
import type { StageOptions, StageResult, StageRowBase } from "../types";

export const EXTRACT_DATASETS = ["esconv", "cams", "dreaddit"] as const;
export type ExtractDataset = (typeof EXTRACT_DATASETS)[number];

/** An ESConv dialogue or a CAMS/Dreaddit post. */
export type PersonaSource = Dialogue | Post;

/** A persona card row: the card of Figure 2 plus the stage columns. */
export type PersonaRow = StageRowBase & PersonaCard & { role: string };

export interface ExtractPersonasOptions extends StageOptions {
  /** Whose persona: "Seeker" (Section 3, default) or "Supporter" (Figure 11's literal text). */
  role?: string;
}

/** The sources of a dataset from the data folder: ESConv dialogues, CAMS posts or Dreaddit posts. */
export function loadPersonaSources(dataset: string): PersonaSource[] {
  switch (dataset) {
    case "esconv":
      return loadEsconv();
    case "cams":
      return camsPosts();
    case "dreaddit":
      return dreadditPosts().map(({ segments: _segments, ...post }) => post);
    default:
      throw new UsageError(`unknown dataset "${dataset}"; use one of ${EXTRACT_DATASETS.join(", ")}`);
  }
}

function isPost(source: PersonaSource): source is Post {
  return typeof (source as Post).text === "string" && typeof (source as Post).dataset === "string";
}

/** Where a source comes from and its persona id ("esconv:train:12", "cams:added_CAMS_data:7"). */
export function sourceIdentity(source: PersonaSource): { dataset: SourceDataset; sourceId: string; personaId: string } {
  if (isPost(source)) {
    const prefix = `${source.dataset}:`;
    const sourceId = source.id.startsWith(prefix) ? source.id.slice(prefix.length) : source.id;
    return { dataset: source.dataset, sourceId, personaId: `${prefix}${sourceId}` };
  }
  return { dataset: "esconv", sourceId: source.id, personaId: `esconv:${source.id}` };
}

/** An empty card for a failed row (so every row has every column). */
export function emptyCard(id: string, sourceDataset: SourceDataset, sourceId: string): PersonaCard {
  return { id, sourceDataset, sourceId, age: "unknown", gender: "unknown", occupation: "unknown", description: "", problem: "" };
}

/**
 * Figure 11: one persona card per ESConv dialogue or CAMS/Dreaddit post (n sampled with the seed). The seeker's
 * persona by default (Section 3), from the transcript of a dialogue or the text of a post.
 */
export async function extractPersonas(sources: readonly PersonaSource[] | unknown, options: ExtractPersonasOptions = {}): Promise<StageResult<PersonaRow>> {
  const stage = "extractPersonas";
  const role = options.role ?? "Seeker";
  const all = tableRows<PersonaSource>(sources, "persona sources");
  const chosen = sampleRows(all, options.n, options.seed ?? 1);
  return withContext(options, async (context) => {
    const calls: StageCall<PersonaCardFields>[] = chosen.map((source) => {
      const identity = sourceIdentity(source);
      const post = isPost(source);
      return {
        itemId: identity.personaId,
        promptId: "extract-persona",
        variables: {
          role,
          sourceKind: post ? "post" : "dialogue",
          sourceText: post ? source.text : formatDialogueTranscript((source as Dialogue).turns),
        },
        parse: (raw) => parsePersonaCard(raw),
      };
    });
    const result = await runStageCalls(stage, calls, options, context);
    const rows: PersonaRow[] = result.outcomes.map((outcome, index) => {
      const identity = sourceIdentity(chosen[index]);
      const card = { ...emptyCard(identity.personaId, identity.dataset, identity.sourceId), ...(outcome.value ?? {}) };
      return { ...card, role, ...rowBase(stage, context, [outcome]) };
    });
    return stageResult(stage, rows, result);
  });
}
