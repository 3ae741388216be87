import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseJsonData } from "../data/validate";
import { DataError, UsageError } from "../errors";
import { libraryAsset } from "../paths";
import type { OptionLabels, OptionOrder } from "./answer-condition";
import { FACTOR_LEVELS } from "./answer-condition";

/**
 * The 1-5 agreement scale of the answer prompts per language (lib/prompts/data/scale-labels.json), rendered into
 * the {{scale}} and {{answerFormat}} variables of the condition templates. Values keep their meaning whatever the
 * listing: 5 = strongly agree, 1 = strongly disagree; "paper" lists 5 first, "reversed" lists 1 first.
 */
export interface ScaleLanguage {
  /** The label of each value, index 0 = value 1. */
  labels: [string, string, string, string, string];
  /** How to answer with digits; {list} is "1, 2, 3, 4, 5". */
  digits: string;
  /** How to answer with labels; {list} is the quoted labels in listing order. */
  words: string;
}

const languageSchema = z.object({
  labels: z.object({ "1": z.string().min(1), "2": z.string().min(1), "3": z.string().min(1), "4": z.string().min(1), "5": z.string().min(1) }),
  digits: z.string().includes("{list}"),
  words: z.string().includes("{list}"),
});
const fileSchema = z.object({ $comment: z.string().optional(), languages: z.record(z.string(), languageSchema) });

let loaded: Record<string, ScaleLanguage> | undefined;

/** Parses a scale-labels file (the shape of lib/prompts/data/scale-labels.json); bad input names file and field. */
export function parseScaleLabels(text: string, file = "scale-labels.json"): Record<string, ScaleLanguage> {
  const { languages } = parseJsonData(fileSchema, text, file);
  const result: Record<string, ScaleLanguage> = {};
  for (const [code, entry] of Object.entries(languages)) {
    const labels = [entry.labels["1"], entry.labels["2"], entry.labels["3"], entry.labels["4"], entry.labels["5"]] as ScaleLanguage["labels"];
    if (new Set(labels.map((label) => label.toLowerCase())).size !== 5) {
      throw new DataError("the five labels must differ", { file, record: code, field: "labels" });
    }
    result[code] = { labels, digits: entry.digits, words: entry.words };
  }
  return result;
}

/** Every language with scale labels. */
export function scaleLanguages(): Record<string, ScaleLanguage> {
  if (!loaded) {
    const file = libraryAsset("prompts", "data", "scale-labels.json");
    loaded = parseScaleLabels(readFileSync(file, "utf8"), file);
  }
  return loaded;
}

/** The scale of one language ("en" when absent); a language without labels is a one-line UsageError. */
export function scaleLanguage(language = "en"): ScaleLanguage {
  const entry = scaleLanguages()[language];
  if (!entry) {
    throw new UsageError(`no scale labels for language "${language}" (lib/prompts/data/scale-labels.json has: ${Object.keys(scaleLanguages()).join(", ")}); add them there`);
  }
  return entry;
}

/** The values 1-5 in listing order: [5, 4, 3, 2, 1] as the paper lists them, or [1, 2, 3, 4, 5] reversed. */
export function listingOrder(order: OptionOrder): number[] {
  return order === "reversed" ? [1, 2, 3, 4, 5] : [5, 4, 3, 2, 1];
}

/**
 * The {{scale}} text: "5=strongly agree, 4=agree, 3=neutral, 2=disagree, 1=strongly disagree" (the paper's line)
 * with digits, the labels alone with words; in the listing order.
 */
export function scaleText(order: OptionOrder, labels: OptionLabels, language = "en"): string {
  const scale = scaleLanguage(language);
  return listingOrder(order)
    .map((value) => (labels === "digits" ? `${value}=${scale.labels[value - 1]}` : scale.labels[value - 1]))
    .join(", ");
}

/** The {{answerFormat}} sentence: the paper's "... numerical value of 1, 2, 3, 4, 5." or the labels to write. */
export function answerFormatText(order: OptionOrder, labels: OptionLabels, language = "en"): string {
  const scale = scaleLanguage(language);
  if (labels === "digits") return scale.digits.replace("{list}", "1, 2, 3, 4, 5");
  return scale.words.replace("{list}", listingOrder(order).map((value) => `"${scale.labels[value - 1]}"`).join(", "));
}

/** What a rendered {{scale}} text shows: its listing order, labels and language; undefined for any other text. */
export function readScaleText(text: string): { optionOrder: OptionOrder; labels: OptionLabels; language: string } | undefined {
  const trimmed = text.trim();
  for (const language of Object.keys(scaleLanguages())) {
    for (const optionOrder of FACTOR_LEVELS.optionOrder) {
      for (const labels of FACTOR_LEVELS.labels) {
        if (scaleText(optionOrder, labels, language) === trimmed) return { optionOrder, labels, language };
      }
    }
  }
  return undefined;
}
