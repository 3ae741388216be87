import { createHash } from "node:crypto";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import { DataError, UsageError } from "../errors";
import { normalizeAge, normalizeGender, normalizeOccupation } from "./normalize-demographics";
import { cardFieldOf, flattenRecord, type CardField } from "./card-fields";
import { AGE_GROUPS, GENDERS, type PersonaCard } from "./types";
import { jsonLines, parseJson } from "./validate";
import { readTextFile } from "../files/read-text-file";

/** What importPersonaCards did to the input, for the researcher to check (stderr and `--json`). */
export interface CardMappingReport {
  file: string;
  format: "jsonl" | "json" | "csv" | "text";
  cards: number;
  /** The source name: the prefix of generated ids and the `dataset` of the rows. */
  source: string;
  /** Every sourceDataset of the cards: "custom" (outside data). */
  sourceDataset: "custom";
  /** Input field name -> the card field it was read as ("(description)" when only used to compose one). */
  mapped: Record<string, string>;
  /**
   * Unmapped fields kept out of every composed description by default, with why: metadata (source, language, ...),
   * text mostly in another script (a copy of the card in another language), or a nested record. `includeFields`
   * (`--include-field NAME`) puts chosen ones back.
   */
  excluded: Record<string, string>;
  /** Cards given as one block of "Key: value" lines, split into fields (count per field split). */
  split: Record<string, number>;
  /** Card field -> how many cards got a default or generated value, and what. */
  defaulted: Record<string, { count: number; how: string }>;
  /** Free-text ages read into the paper's five groups: input text -> group (with counts). */
  ages: Array<{ text: string; group: string; count: number }>;
  /** Values that could not be read (first 20), set to "unknown". */
  unreadable: Array<{ record: number; field: string; value: string }>;
  unreadableCount: number;
  /** Records that are no card at all (first 20): skipped. */
  skipped: Array<{ record: number; reason: string }>;
}

export interface ImportedPersonaCards {
  cards: PersonaCard[];
  report: CardMappingReport;
}

export interface ImportPersonaCardsOptions {
  /** A name for this set of cards (default "custom"): id prefix, and the `dataset` column of every output row. */
  source?: string;
  /** Unmapped fields to compose into the description although they would be excluded (see CardMappingReport.excluded). */
  includeFields?: readonly string[];
}

// Fields that describe the record, not the person: never part of a description unless asked for.
const METADATA_FIELD = /^(source|sources|language|lang|locale|url|link|links|annotator|annotators|timestamp|created|updated|created_at|updated_at|version|split|index|idx|uuid|license)$/i;

/** Why an unmapped field stays out of a composed description, or undefined when it may go in. */
function exclusionReason(key: string, value: string): string | undefined {
  if (METADATA_FIELD.test(key.trim())) return "metadata, not the person";
  const letters = [...value].filter((character) => /\p{L}/u.test(character));
  const latin = letters.filter((character) => /\p{Script=Latin}/u.test(character));
  if (letters.length >= 4 && latin.length / letters.length < 0.5) return "mostly another script (a copy in another language)";
  if (/^\s*[\[{]/.test(value)) return "a nested record";
  return undefined;
}

// Explicit "no value" spellings: mapped to "unknown" without counting as unreadable.
const NOT_GIVEN = /^(|unknown|not mentioned|not specified|unspecified|not given|not provided|none|n\/a|na|null|-|\?)\.?$/i;

const AGE_PHRASES: Record<string, string> = { teenage: "teenage", young: "young", "middle-aged": "middle-aged", old: "older", unknown: "" };

function readRecords(text: string, file: string): { format: CardMappingReport["format"]; records: unknown[] } {
  const body = text.replace(/^\uFEFF/, "");
  const extension = extname(file).toLowerCase();
  const first = body.trimStart()[0];
  if (extension === ".json" || (extension !== ".jsonl" && extension !== ".csv" && first === "[")) {
    const data = parseJson(body, file);
    if (!Array.isArray(data)) throw new DataError("expected a JSON array of persona cards", { file });
    return { format: "json", records: data };
  }
  // Plain text: cards as blocks of "Key: value" lines separated by blank lines.
  if (extension === ".txt" || extension === ".md" || (extension !== ".csv" && extension !== ".jsonl" && /^[^\S\n]*[A-Za-z][\w ()/-]{0,40}:[^\S\n]/.test(body.trimStart()))) {
    return { format: "text", records: body.split(/\r?\n[^\S\n]*\r?\n/).filter((block) => block.trim()) };
  }
  if (extension === ".jsonl" || (extension !== ".csv" && first === "{") || first === '"') {
    return { format: "jsonl", records: jsonLines(body).map(({ line, text: content }) => parseJson(content, file, line)) };
  }
  try {
    return { format: "csv", records: parse(body, { columns: true, skip_empty_lines: true, relax_column_count: true }) as unknown[] };
  } catch (error) {
    throw new DataError(`malformed CSV (${(error as Error).message})`, { file });
  }
}

function sentenceCase(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return trimmed ? trimmed[0].toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? "" : ".") : "";
}

/** A description from the other fields when the card has none: "A young female teacher." plus any unmapped text. */
export function composeDescription(card: Pick<PersonaCard, "age" | "gender" | "occupation">, extra: Record<string, string> = {}): string {
  const age = AGE_PHRASES[card.age] ?? "";
  const gender = card.gender === "unknown" ? "" : card.gender;
  const who = card.occupation === "unknown" ? "person" : card.occupation;
  const head = sentenceCase(`${/^[aeiou]/i.test([age, gender, who].filter(Boolean)[0] ?? "") ? "an" : "a"} ${[age, gender, who].filter(Boolean).join(" ")}`);
  const rest = Object.entries(extra).map(([key, value]) => sentenceCase(`${key}: ${value}`));
  return [head, ...rest].filter(Boolean).join(" ");
}

function stableId(card: Omit<PersonaCard, "id" | "sourceId">): string {
  const content = [card.age, card.gender, card.occupation, card.description, card.problem].join("\u0000");
  return createHash("sha256").update(content).digest("hex").slice(0, 12);
}

/**
 * Persona cards from another project (JSONL, a JSON array, CSV, or text blocks of "Key: value" lines separated by
 * blank lines), read leniently and reported: field names in
 * any case with common aliases (age, gender or sex, occupation or job, description, problem or situation), cards
 * given as one block of "Key: value" lines split, free-text ages mapped onto the paper's five groups, missing
 * ids generated from the card's content (stable), a missing description composed from the other fields. The
 * cards are taken as given: nothing is filtered or dropped except records that are not cards at all.
 */
export function parseOutsidePersonaCards(text: string, file: string, options: ImportPersonaCardsOptions = {}): ImportedPersonaCards {
  const source = options.source ?? "custom";
  if (!/^[A-Za-z0-9][\w.-]*$/.test(source)) throw new UsageError(`--source must be a name of letters, digits, ".", "_" or "-", got "${source}"`);
  const { format, records } = readRecords(text, file);
  const report: CardMappingReport = { file, format, cards: 0, source, sourceDataset: "custom", mapped: {}, excluded: {}, split: {}, defaulted: {}, ages: [], unreadable: [], unreadableCount: 0, skipped: [] };
  const included = new Set(options.includeFields ?? []);
  const ages = new Map<string, { group: string; count: number }>();
  const defaulted = (field: string, how: string) => {
    const entry = (report.defaulted[field] ??= { count: 0, how });
    entry.count += 1;
  };
  const unreadable = (record: number, field: string, value: string) => {
    report.unreadableCount += 1;
    if (report.unreadable.length < 20) report.unreadable.push({ record, field, value });
  };
  const cards: PersonaCard[] = [];
  const seen = new Map<string, number>();
  records.forEach((value, index) => {
    const record = index + 1;
    const flat = flattenRecord(value);
    if (!flat) {
      if (report.skipped.length < 20) report.skipped.push({ record, reason: typeof value === "string" ? "text without Key: value lines" : "not an object" });
      return;
    }
    if (flat.splitFrom) report.split[flat.splitFrom] = (report.split[flat.splitFrom] ?? 0) + 1;
    const given: Partial<Record<CardField, string>> = {};
    const extra: Record<string, string> = {};
    for (const [key, item] of Object.entries(flat.fields)) {
      const field = cardFieldOf(key);
      if (field && given[field] === undefined) {
        given[field] = item;
        report.mapped[key] = field;
      } else if (item.trim() && !/^(sourcedataset|dataset)$/i.test(key)) {
        const reason = included.has(key) ? undefined : exclusionReason(key, item);
        if (reason) {
          report.excluded[key] ??= reason;
          report.mapped[key] ??= "(not used)";
          continue;
        }
        extra[key] = item.trim();
        report.mapped[key] ??= "(description)";
      }
    }
    // Age: a group name as is, else free text read into a group; anything else unreadable.
    const ageText = (given.age ?? "").trim();
    const age = (AGE_GROUPS as readonly string[]).includes(ageText.toLowerCase()) ? (ageText.toLowerCase() as PersonaCard["age"]) : normalizeAge(ageText);
    if (given.age === undefined) defaulted("age", 'no age field: "unknown"');
    else {
      const entry = ages.get(ageText) ?? { group: age, count: 0 };
      entry.count += 1;
      ages.set(ageText, entry);
      if (age === "unknown" && !NOT_GIVEN.test(ageText)) unreadable(record, "age", ageText);
    }
    const genderText = (given.gender ?? "").trim();
    const gender = (GENDERS as readonly string[]).includes(genderText.toLowerCase()) ? (genderText.toLowerCase() as PersonaCard["gender"]) : normalizeGender(genderText);
    if (given.gender === undefined) defaulted("gender", 'no gender field: "unknown"');
    else if (gender === "unknown" && !NOT_GIVEN.test(genderText)) unreadable(record, "gender", genderText);
    const occupation = normalizeOccupation(given.occupation ?? "");
    if (given.occupation === undefined) defaulted("occupation", 'no occupation field: "unknown"');
    const problem = (given.problem ?? "").trim();
    if (!problem) defaulted("problem", "none given: empty");
    let description = (given.description ?? "").trim();
    if (!description) {
      description = composeDescription({ age, gender, occupation }, extra);
      defaulted("description", "composed from age, gender, occupation and the unmapped fields");
    }
    const content = { sourceDataset: "custom" as const, age, gender, occupation, description, problem };
    let sourceId = (given.id ?? given.sourceId ?? "").trim();
    if (!sourceId) {
      sourceId = stableId(content);
      defaulted("id", `generated from the card's content: "${source}:<sha256 prefix>"`);
    }
    // The same card twice gets one id per copy, numbered in file order.
    const copies = (seen.get(sourceId) ?? 0) + 1;
    seen.set(sourceId, copies);
    if (copies > 1) sourceId = `${sourceId}-${copies}`;
    cards.push({ id: `${source}:${sourceId}`, sourceId, ...content });
  });
  report.cards = cards.length;
  report.ages = [...ages].map(([text, entry]) => ({ text, ...entry })).sort((a, b) => b.count - a.count);
  if (!cards.length) throw new DataError(`no persona cards could be read (${records.length} records)`, { file });
  return { cards, report };
}

/** parseOutsidePersonaCards on a file. */
export function importPersonaCards(path: string, options: ImportPersonaCardsOptions = {}): ImportedPersonaCards {
  return parseOutsidePersonaCards(readTextFile(path, "cards file"), path, options);
}

/** The mapping report as lines for people (stderr). */
export function formatCardMappingReport(report: CardMappingReport): string[] {
  const lines = [`Read ${report.cards} persona cards from ${report.file} (${report.format}) as source "${report.source}" (sourceDataset "custom").`];
  const mapped = Object.entries(report.mapped).map(([from, to]) => `${from} -> ${to}`);
  if (mapped.length) lines.push(`  fields: ${mapped.join(", ")}`);
  const excluded = Object.entries(report.excluded ?? {}).map(([field, why]) => `${field} (${why})`);
  if (excluded.length) lines.push(`  kept out of the descriptions: ${excluded.join(", ")}; --include-field NAME puts one back`);
  for (const [from, count] of Object.entries(report.split)) lines.push(`  split ${count} card(s) given as "Key: value" lines${from === "(text)" ? "" : ` in field ${from}`}`);
  if (report.ages.length) lines.push(`  ages: ${report.ages.map((age) => `"${age.text}" -> ${age.group} (${age.count})`).join(", ")}`);
  for (const [field, entry] of Object.entries(report.defaulted)) lines.push(`  ${field}: ${entry.count} card(s) ${entry.how}`);
  if (report.unreadableCount) {
    const shown = report.unreadable.map((item) => `record ${item.record} ${item.field} "${item.value}"`).join("; ");
    lines.push(`  could not read ${report.unreadableCount} value(s), set to "unknown": ${shown}${report.unreadableCount > report.unreadable.length ? "; ..." : ""}`);
  }
  if (report.skipped.length) lines.push(`  skipped ${report.skipped.length} record(s) that are no card: ${report.skipped.map((item) => `record ${item.record} (${item.reason})`).join("; ")}`);
  return lines;
}
