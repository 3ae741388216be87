import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dialogue, Post } from "../../lib/data/types";
import { loadInventory } from "../../lib/inventory/load-inventory";
import type { Inventory } from "../../lib/inventory/inventory-schema";
import { projectRoot } from "../../lib/paths";
import { ESCONV_TRAIN, findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";
import { traitDescriptionsFor } from "../../lib/prompts/trait-descriptions";
import { REPAIR_PREFIX } from "../../lib/prompts/repair-instruction";
import type { ModelCall, Reply } from "../support/openai-server";

/** Made-up stand-ins named HEXACO-60 and CSI (12 + 6 invented items), so tests need no licensed item text. */
export function tinyInventories(): Inventory[] {
  const folder = join(projectRoot(), "test", "fixtures", "pipeline");
  return [loadInventory(join(folder, "tiny-hexaco.json")), loadInventory(join(folder, "tiny-csi.json"))];
}

/** A private cache folder; remove it with the returned function. */
export function temporaryCache(): { directory: string; path: string; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), "pt-pipeline-"));
  return { directory, path: join(directory, "llm-cache.sqlite"), remove: () => rmSync(directory, { recursive: true, force: true }) };
}

const REQUIRED = [ESCONV_TRAIN, ...INVENTORY_FILES];

/** The folder with the real datasets and inventories (test/support/data-folder.ts); undefined when none has them. */
export function realDataDirectory(): string | undefined {
  return findDataFolder(REQUIRED);
}

export const realDataSkip: string | false = skipWithoutData(REQUIRED);

/** Points the library at the real data for this test process (PERSONA_TALKS_DATA), if found. */
export function useRealData(): void {
  const directory = realDataDirectory();
  if (directory) process.env.PERSONA_TALKS_DATA = directory;
}

/** Three made-up ESConv-shaped dialogues. */
export function madeUpDialogues(): Dialogue[] {
  const lines = [
    ["I'm 24 and I work as a nurse. I feel exhausted since my breakup last month.", "That sounds really hard. How long were you together?", "Three years. I keep crying at night and can't focus at work."],
    ["Hi, I lost my job as a teacher and I am worried about money.", "I am sorry to hear that. What happened?", "The school closed because of the pandemic and I feel hopeless."],
    ["My wife and I argue every day and I feel lonely.", "It must be painful to feel alone at home.", "Yes, I am 45 and I never thought my marriage would end like this."],
  ];
  return lines.map((texts, index) => ({
    id: `train:${index}`,
    split: "train" as const,
    survey: {},
    turns: texts.map((text, position) =>
      position % 2 === 0 ? { speaker: "seeker" as const, text } : { speaker: "supporter" as const, text, strategy: "Question" as const },
    ),
  }));
}

export function madeUpPosts(): Post[] {
  return [
    { id: "cams:fixture:1", dataset: "cams", text: "I am a 19 year old student and I have been feeling depressed since my parents divorced.", labels: {} },
    { id: "cams:fixture:2", dataset: "cams", text: "I'm a 30 year old mechanic. Work stress makes me anxious and I cannot sleep anymore.", labels: {} },
  ];
}

/** Which paper prompt a loopback call carries, from its wording. */
export function promptKind(call: ModelCall): string {
  const text = call.promptText;
  if (text.includes("You need to complete a persona card")) return "extract";
  if (text.includes("Your task is to evaluate whether the following socio-demographic")) return "filter";
  if (text.includes("write a sentence for each of the following six indicators")) return "describe";
  if (text.includes("You are provided with a statement about the person")) return "answer";
  if (text.includes("Please generate a socio-demographic description of the individual")) return "expand";
  if (text.includes("simulate a follow-up conversation")) return "continue";
  if (text.includes("Simulate a casual emotional support conversation")) return "generate";
  if (text.includes("You are an expert annotator")) return "annotate";
  if (text.includes("You will compare two emotional support conversations")) return "judge";
  return "unknown";
}

export function isRepair(call: ModelCall): boolean {
  return call.promptText.includes(REPAIR_PREFIX);
}

function sentences(inventory: string): Record<string, string> {
  return Object.fromEntries(traitDescriptionsFor(inventory).dimensions.map((dimension) => [dimension.domain, `The person ${dimension.high}.`]));
}

const DIALOGUE = JSON.stringify([
  { speaker: "Seeker", content: "I still feel tired after work." },
  { speaker: "Supporter", strategy: "Question", content: "What makes the evenings hardest?" },
  { speaker: "Seeker", content: "Being alone, I guess." },
  { speaker: "Supporter", strategy: "Providing Suggestions", content: "Maybe you could call a friend after your shift?" },
]);

/** A well-formed answer for each paper prompt (the loopback servers' default script). */
export function wellFormedReply(call: ModelCall): Reply {
  switch (promptKind(call)) {
    case "extract":
      return JSON.stringify({ age: "young", gender: "female", occupation: "nurse", description: "The person is a young nurse who works night shifts.", problem: "The person feels exhausted and sad after a breakup." });
    case "filter":
      return JSON.stringify({ keep: true, reason: "Both descriptions are specific." });
    case "describe":
      return JSON.stringify({ ...sentences("HEXACO-60"), ...sentences("CSI") });
    case "answer":
      return "4";
    case "expand":
      return JSON.stringify({ age: "young", gender: "male", occupation: "athlete", description: "The person is a young athlete.", hexaco: sentences("HEXACO-60"), csi: sentences("CSI") });
    case "continue":
    case "generate":
      return DIALOGUE;
    case "annotate": {
      const indexes = [...call.promptText.matchAll(/\{"index":(\d+),"speaker":"Supporter"/g)].map((match) => Number(match[1]));
      return JSON.stringify(indexes.map((index) => ({ index, strategy: "Question" })));
    }
    case "judge":
      return JSON.stringify({ Suggestion: "A", Consistency: "tie", Comforting: "B", Identification: "A", Overall: "A" });
    default:
      return "unscripted prompt";
  }
}
