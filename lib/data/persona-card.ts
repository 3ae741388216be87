import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { z } from "zod";
import { DataError } from "../errors";
import { parseCsvTable } from "./read-csv";
import { AGE_GROUPS, GENDERS, type PersonaCard } from "./types";
import { jsonLines, parseJson, validateRecord } from "./validate";

export const SOURCE_DATASETS = ["esconv", "cams", "dreaddit", "personahub", "generated", "custom"] as const;

/** The basic persona card of the paper's Figure 2 (types in lib/data/types.ts). */
export const personaCardSchema = z.object({
  id: z.string().min(1),
  sourceDataset: z.enum(SOURCE_DATASETS),
  sourceId: z.string().min(1),
  age: z.enum(AGE_GROUPS),
  gender: z.enum(GENDERS),
  occupation: z.string(),
  description: z.string(),
  problem: z.string(),
}) satisfies z.ZodType<PersonaCard>;

/** Column order of persona-card CSV files (also the JSON key order). */
export const PERSONA_CARD_COLUMNS = [
  "id",
  "sourceDataset",
  "sourceId",
  "age",
  "gender",
  "occupation",
  "description",
  "problem",
] as const;

/** Validates one card-like object (names the file, record and field on failure). */
export function validatePersonaCard(value: unknown, file: string, record: string | number): PersonaCard {
  return validateRecord(personaCardSchema, value, file, record);
}

function checkUniqueIds(cards: PersonaCard[], file: string): PersonaCard[] {
  const seen = new Map<string, number>();
  cards.forEach((card, index) => {
    const previous = seen.get(card.id);
    if (previous !== undefined) {
      throw new DataError(`duplicate id ${JSON.stringify(card.id)} (first at record ${previous})`, { file, record: index + 1, field: "id" });
    }
    seen.set(card.id, index + 1);
  });
  return cards;
}

/**
 * Persona cards from JSON (an array), JSON lines, or CSV with the PERSONA_CARD_COLUMNS header. The format is
 * taken from the file extension (.csv, .jsonl, .json), else from the first character. Records are numbered
 * from 1 (array element, line, or CSV data row).
 */
export function parsePersonaCards(text: string, file: string): PersonaCard[] {
  const extension = extname(file).toLowerCase();
  const first = text.replace(/^\uFEFF/, "").trimStart()[0];
  if (extension === ".csv" || (extension !== ".json" && extension !== ".jsonl" && first !== "[" && first !== "{")) {
    const table = parseCsvTable(text, file, PERSONA_CARD_COLUMNS);
    return checkUniqueIds(table.rows.map((row, index) => validatePersonaCard(row, file, index + 1)), file);
  }
  if (first === "[") {
    const data = parseJson(text.replace(/^\uFEFF/, ""), file);
    if (!Array.isArray(data)) throw new DataError("expected a JSON array of persona cards", { file });
    return checkUniqueIds(data.map((value, index) => validatePersonaCard(value, file, index + 1)), file);
  }
  return checkUniqueIds(
    jsonLines(text).map(({ line, text: content }) => validatePersonaCard(parseJson(content, file, line), file, line)),
    file,
  );
}

export function loadPersonaCards(path: string): PersonaCard[] {
  return parsePersonaCards(readFileSync(path, "utf8"), path);
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text (header + one row per card) that parsePersonaCards reads back unchanged. */
export function formatPersonaCardsCsv(cards: readonly PersonaCard[]): string {
  const lines = [PERSONA_CARD_COLUMNS.join(",")];
  for (const card of cards) lines.push(PERSONA_CARD_COLUMNS.map((column) => csvField(card[column])).join(","));
  return lines.join("\n") + "\n";
}

/** JSON-lines text, keys in PERSONA_CARD_COLUMNS order. */
export function formatPersonaCardsJsonl(cards: readonly PersonaCard[]): string {
  return cards
    .map((card) => JSON.stringify(Object.fromEntries(PERSONA_CARD_COLUMNS.map((column) => [column, card[column]]))))
    .join("\n") + "\n";
}
