import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SIMULATED_LABEL, SIMULATED_NOTE, type Table } from "./table";

/** A prompt in force for a run: id, version and the sha256 of its text (overrides included). */
export interface PromptProvenance {
  id: string;
  version: string;
  hash: string;
}

/** What made an output folder, where it is the same for every row (per-row provenance lives in the rows' columns). */
export interface OutputProvenance {
  question?: string;
  simulated: boolean;
  provider?: string;
  model?: string;
  seed?: number;
  n?: number;
  /** What N counts here ("personas measured per dataset", "dialogues continued"). */
  nMeaning?: string;
  prompts?: PromptProvenance[];
}

// A README.md is rewritten only when this project wrote it, never a researcher's own.
const MARKER = "<!-- written by persona-talks: rewritten on every export -->";

/** The README.md of an output folder: what made it, and what each file holds. */
export function outputReadme(provenance: OutputProvenance, contents: { tables?: readonly Table[]; files?: ReadonlyArray<{ file: string; what: string }> }): string {
  const title = `${provenance.question ? `${provenance.question.toUpperCase()} output` : "Tables"}${provenance.simulated ? ` (${SIMULATED_LABEL})` : ""}`;
  const lines = [MARKER, `# ${title}`, ""];
  if (provenance.simulated) lines.push(`**${SIMULATED_LABEL}.** ${SIMULATED_NOTE}`, "");
  const facts: Array<[string, string | number | undefined]> = [
    ["simulated", provenance.simulated ? "yes" : "no"],
    ["provider", provenance.provider],
    ["model", provenance.model],
    ["seed", provenance.seed],
    ["N", provenance.n === undefined ? undefined : `${provenance.n}${provenance.nMeaning ? ` (${provenance.nMeaning})` : ""}`],
  ];
  lines.push("| | |", "|---|---|", ...facts.filter(([, value]) => value !== undefined).map(([key, value]) => `| ${key} | ${value} |`), "");
  if (provenance.prompts?.length) {
    lines.push("Prompts in force:", "", "| prompt | version | sha256 |", "|---|---|---|", ...provenance.prompts.map((prompt) => `| ${prompt.id} | ${prompt.version} | ${prompt.hash} |`), "");
  }
  const tables = contents.tables ?? [];
  if (tables.length || contents.files?.length) {
    lines.push("Files:", "");
    for (const table of tables) lines.push(`- \`${table.name ?? "table"}.*\`: ${table.title}`);
    for (const item of contents.files ?? []) lines.push(`- \`${item.file}\`: ${item.what}`);
    lines.push("");
  }
  lines.push(
    "Every CSV file has its header on line 1 and raw values (full precision), so any CSV reader loads it with default options. " +
      "What is the same for every row (simulated or not, provider, model, prompts, seed, N) is stated here and in summary.json; " +
      "what varies by row is in the rows' own columns.",
    "",
  );
  return lines.join("\n");
}

/** Writes README.md into `directory` unless a README there was not written by this project. Returns the path or undefined. */
export function writeOutputReadme(directory: string, text: string): string | undefined {
  const path = join(directory, "README.md");
  if (existsSync(path) && !readFileSync(path, "utf8").startsWith(MARKER)) return undefined;
  writeFileSync(path, text);
  return path;
}
