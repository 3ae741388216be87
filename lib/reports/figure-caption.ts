import type { FigureSpec } from "../charts/figure-spec";
import { SIMULATED_LABEL } from "../charts/figure-spec";
import type { VariantRecord } from "../prompts/prompt-variant";
import type { OutputProvenance } from "../tables/output-readme";
import { captionModelName } from "./display-names";

function plain(text: string): string {
  return text.replace(/<br\s*\/?>/gi, " ").replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\s+/g, " ").trim();
}

/**
 * The caption file of one figure (`<name>.caption.md`): its title, its notes (the key to its marks, the correction
 * for multiple comparisons), and what made it (simulated or not, provider, model, seed, N, prompt variant with every
 * prompt's id, version and hash) and the printed size. Provenance lives here, not inside the figure.
 */
export function figureCaption(title: string, provenance: OutputProvenance, options: { spec?: FigureSpec; size?: string } = {}): string {
  const meta = (options.spec?.layout.meta ?? {}) as { promptVariant?: VariantRecord; model?: string };
  const subtitle = (options.spec?.layout.title as { subtitle?: { text?: string } } | undefined)?.subtitle?.text;
  const variant = meta.promptVariant;
  const made = [
    provenance.simulated ? `${SIMULATED_LABEL}.` : undefined,
    provenance.provider ? `Provider: ${provenance.provider}.` : undefined,
    // The model as the figure names it; its internal id (sim-3-aligned-seed1-truth1e096f79) is in summary.json and the README.
    meta.model ?? provenance.model ? `Model: ${captionModelName((meta.model ?? provenance.model)!)}.` : undefined,
    provenance.seed !== undefined ? `Seed: ${provenance.seed}.` : undefined,
    provenance.n !== undefined ? `N = ${provenance.n}${provenance.nMeaning ? ` (${provenance.nMeaning})` : ""}.` : undefined,
    variant
      ? `Prompt variant "${variant.name}": ${Object.entries(variant.prompts).map(([id, prompt]) => `${id} ${prompt.version} (sha256 ${prompt.hash.slice(0, 12)})`).join(", ")}.`
      : provenance.prompts?.length
        ? `Prompts: ${provenance.prompts.map((prompt) => `${prompt.id} ${prompt.version} (sha256 ${prompt.hash.slice(0, 12)})`).join(", ")}.`
        : undefined,
    options.size ? `Printed size: ${options.size}.` : undefined,
  ].filter((line): line is string => line !== undefined);
  return [`**${plain(title)}**`, "", ...(subtitle ? [plain(subtitle), ""] : []), made.join(" "), ""].join("\n");
}
