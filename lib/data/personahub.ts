import { readFileSync } from "node:fs";
import { z } from "zod";
import { requireDataFile } from "./require-data";
import { asText, jsonLines, parseJson, validateRecord } from "./validate";

export const PERSONAHUB_FILE = "personahub/personas.jsonl";

const personaLine = z.object({ persona: z.string().trim().min(1) });

export interface PersonaHubReport {
  lines: number;
  /** Lines whose (trimmed) persona text repeats an earlier one. */
  duplicates: number;
}

/**
 * PersonaHub persona lines (`{"persona": "..."}` per line, as in its persona.jsonl), de-duplicated on the
 * trimmed text, first occurrence kept, in file order. Records are numbered by line (1-based).
 */
export function parsePersonaHub(input: string | Uint8Array, file: string, report?: PersonaHubReport): string[] {
  const seen = new Set<string>();
  const personas: string[] = [];
  let lines = 0;
  for (const { line, text: content } of jsonLines(asText(input))) {
    lines += 1;
    const { persona } = validateRecord(personaLine, parseJson(content, file, line), file, line);
    if (seen.has(persona)) continue;
    seen.add(persona);
    personas.push(persona);
  }
  if (report) {
    report.lines = lines;
    report.duplicates = lines - personas.length;
  }
  return personas;
}

/** The de-duplicated PersonaHub personas of the data folder (or of `path`). */
export function loadPersonaHub(options: { directory?: string; path?: string; report?: PersonaHubReport } = {}): string[] {
  const path = options.path ?? requireDataFile(PERSONAHUB_FILE, options.directory);
  return parsePersonaHub(readFileSync(path, "utf8"), path, options.report);
}
