import type { AgeGroup, Gender } from "../data/types";
import { extractJson } from "./extract-json";
import { normalizeAge, normalizeGender, normalizeOccupation } from "../data/normalize-demographics";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";

/** The model-made fields of a persona card (Figure 2); ids and source are added by the stage. */
export interface PersonaCardFields {
  age: AgeGroup;
  gender: Gender;
  occupation: string;
  description: string;
  problem: string;
}

const WRAPPERS = ["personaCard", "persona card", "persona", "card", "result", "output"];

/** "Age: young" style lines, for models that ignore the JSON instruction. */
function labelledLines(text: string): Record<string, string> | undefined {
  const record: Record<string, string> = {};
  let lastKey: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*[-*#\d.]*\s*\**\s*([A-Za-z][A-Za-z -]{1,40}?)\s*\**\s*:\s*\**\s*(.*)$/);
    if (match) {
      lastKey = match[1];
      record[lastKey] = match[2].replace(/\*+$/, "").trim();
    } else if (lastKey && line.trim()) record[lastKey] += " " + line.trim();
  }
  return Object.keys(record).length >= 2 ? record : undefined;
}

export function personaRecord(raw: string): { ok: true; record: Record<string, unknown> } | { ok: false; reason: string } {
  const json = extractJson(raw, "object");
  let record: Record<string, unknown> | undefined;
  if (json.ok) {
    let value = Array.isArray(json.value) && json.value.length === 1 ? json.value[0] : json.value;
    if (isRecord(value)) {
      const inner = pick(value, ...WRAPPERS);
      if (isRecord(inner)) value = inner;
      record = value as Record<string, unknown>;
    }
  }
  record ??= labelledLines(raw);
  if (!record) return { ok: false, reason: json.ok ? "JSON is not an object" : json.reason };
  return { ok: true, record };
}

export function readCardFields(record: Record<string, unknown>): { fields?: PersonaCardFields; reason?: string } {
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const description = text(
    pick(record, "description", "socio-demographic description", "sociodemographic", "socio_demographic", "demographic description", "socio-demographic"),
  );
  const problem = text(pick(record, "problem", "problem description", "problems", "issue", "main problem"));
  const missing = [!description && "description", !problem && "problem"].filter(Boolean);
  if (missing.length) return { reason: `missing or empty ${missing.join(" and ")}` };
  return {
    fields: {
      age: normalizeAge(pick(record, "age", "age group", "agegroup")),
      gender: normalizeGender(pick(record, "gender", "sex")),
      occupation: normalizeOccupation(pick(record, "occupation", "job", "profession", "work")),
      description,
      problem,
    },
  };
}

/**
 * A persona card from the answer to extract-persona / extract-persona-from-dialogue: JSON (also in ``` fences,
 * wrapped in {"persona": ...}, keys in any case or spelling such as "Socio-demographic description") or
 * "Age: ..." lines. Age and gender are normalized to the paper's categories ("unknown" when not given).
 * Fails when the description or the problem is missing.
 */
export function parsePersonaCard(raw: string): ParseResult<PersonaCardFields> {
  const found = personaRecord(raw);
  if (!found.ok) return failed(raw, found.reason);
  const { fields, reason } = readCardFields(found.record);
  return fields ? parsed(fields) : failed(raw, reason ?? "unreadable persona card");
}
