import { parseArgs } from "node:util";
import { UsageError } from "../../errors";
import type { CliCommand } from "../command";
// Imported file by file (not through lib/inventory/index) so the command does not load danfojs.
import type { Inventory } from "../../inventory/inventory-schema";
import { checkInventoryArguments, loadInventories } from "../../inventory/load-inventory";
import { scoreColumn } from "../../inventory/score-columns";
import { loadAnswersCsv } from "../../inventory/parse-answers-csv";
import { knownInventoryIds } from "../../inventory/catalog";
import {
  DEFAULT_MINIMUM_VALID_SHARE,
  facetColumn,
  inventoryFacets,
  resolveMinimumValidShare,
  scoreAllRespondents,
  type RespondentScores,
} from "../../inventory/score-inventory";

const HELP = `usage: persona-talks score --inventory ID --answers CSV [--inventory ID --answers CSV ...] [--json] [--min-valid 0.8] [--facets]

Scores inventory answers: one row per respondent, one column per domain.
  --inventory ID     an inventory id of the catalog (${knownInventoryIds().join(", ")}: loaded from the data folder,
                     npm run data, or from its npm package for ipip-neo-120) or the path of an inventory JSON file (format: docs/inventory.md); repeatable,
                     one --answers per --inventory: several give one wide row per respondent ("<name>:<domain>")
  --answers CSV      CSV with a "respondent" (or "personaId") column and one column per item id (1..n), e.g. the
                     answers-<inventory>.csv that analyze psychometrics writes; an empty or
                     non-numeric cell, or a number off the scale, is an invalid answer
  --json             print [{"respondent": ..., "<Domain>": score|null, ..., "invalidAnswers": n}] instead of CSV
  --min-valid SHARE  a domain (or facet) with a smaller share of valid answers is missing (default ${DEFAULT_MINIMUM_VALID_SHARE})
  --facets           also print facet scores (CSV columns "<Domain>/<Facet>"; JSON field "facets")
Invalid and missing answers are reported on stderr.`;

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One inventory's scored respondents; with several inventories, columns get the `<name>:` prefix of wide tables. */
interface ScoredPart {
  inventory: Inventory;
  scored: RespondentScores[];
  /** The same scores by respondent. */
  byRespondent: Map<string, RespondentScores>;
}

function scoredPart(inventory: Inventory, scored: RespondentScores[]): ScoredPart {
  return { inventory, scored, byRespondent: new Map(scored.map((scores) => [scores.respondent, scores])) };
}

/** Respondents in order of first appearance across the parts. */
function respondentsOf(parts: readonly ScoredPart[]): string[] {
  return [...new Set(parts.flatMap((part) => part.scored.map((scores) => scores.respondent)))];
}

function csvOutput(parts: readonly ScoredPart[], withFacets: boolean): string {
  const wide = parts.length > 1;
  const prefix = (part: ScoredPart, column: string) => (wide ? scoreColumn(part.inventory.name, column) : column);
  const header = ["respondent"];
  for (const part of parts) {
    header.push(...part.inventory.domains.map((domain) => prefix(part, domain)));
    if (withFacets) header.push(...inventoryFacets(part.inventory).map(([domain, facet]) => prefix(part, facetColumn(domain, facet))));
  }
  const lines = [header.map(csvCell).join(",")];
  for (const respondent of respondentsOf(parts)) {
    const cells: (string | number | null)[] = [respondent];
    for (const part of parts) {
      const scores = part.byRespondent.get(respondent);
      for (const domain of part.inventory.domains) cells.push(scores?.domains[domain].score ?? null);
      if (withFacets) for (const [domain, facet] of inventoryFacets(part.inventory)) cells.push(scores?.facets[domain][facet].score ?? null);
    }
    lines.push(cells.map(csvCell).join(","));
  }
  return lines.join("\n");
}

function jsonOutput(parts: readonly ScoredPart[], withFacets: boolean): string {
  const wide = parts.length > 1;
  const rows = respondentsOf(parts).map((respondent) => {
    const row: Record<string, unknown> = { respondent };
    let invalid = 0;
    const facets: Record<string, unknown> = {};
    for (const part of parts) {
      const scores = part.byRespondent.get(respondent);
      const key = (domain: string) => (wide ? scoreColumn(part.inventory.name, domain) : domain);
      for (const domain of part.inventory.domains) row[key(domain)] = scores?.domains[domain].score ?? null;
      invalid += scores?.invalidAnswers ?? 0;
      for (const [domain, byFacet] of Object.entries(scores?.facets ?? {})) {
        facets[key(domain)] = Object.fromEntries(Object.entries(byFacet).map(([facet, score]) => [facet, score.score]));
      }
    }
    row.invalidAnswers = invalid;
    if (withFacets) row.facets = facets;
    return row;
  });
  return JSON.stringify(rows, null, 2);
}

function report(scored: RespondentScores[], absentItems: number[], share: number): string[] {
  const lines: string[] = [];
  if (absentItems.length > 0) {
    lines.push(`note: the answers file has no column for item(s) ${absentItems.join(", ")}; those answers count as missing`);
  }
  let invalidTotal = 0;
  let missingScores = 0;
  for (const scores of scored) {
    invalidTotal += scores.invalidAnswers;
    const parts: string[] = [];
    if (scores.invalidAnswers > 0) {
      const shown = scores.invalid.slice(0, 10).map((answer) => `item ${answer.item}: ${JSON.stringify(answer.raw)}`);
      const more = scores.invalid.length > 10 ? `, ... ${scores.invalid.length - 10} more` : "";
      parts.push(`${scores.invalidAnswers} invalid (${shown.join(", ")}${more})`);
    }
    if (scores.missingAnswers > 0) parts.push(`${scores.missingAnswers} missing`);
    for (const [domain, score] of Object.entries(scores.domains)) {
      if (score.score === null) {
        missingScores += 1;
        parts.push(`${domain} not scored (${score.valid} of ${score.items} answers valid)`);
      }
    }
    if (parts.length > 0) lines.push(`respondent ${scores.respondent}: ${parts.join("; ")}`);
  }
  lines.push(
    `scored ${scored.length} respondent(s); ${invalidTotal} invalid answer(s); ` +
      `${missingScores} domain score(s) missing (fewer than ${Math.round(share * 1000) / 10}% valid answers)`,
  );
  return lines;
}

export const command: CliCommand = {
  summary: "Score inventory answers (CSV) into domain scores per respondent",
  async run(args: string[]): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          inventory: { type: "string", multiple: true },
          answers: { type: "string", multiple: true },
          json: { type: "boolean", default: false },
          "min-valid": { type: "string" },
          facets: { type: "boolean", default: false },
          help: { type: "boolean", short: "h", default: false },
        },
        allowPositionals: false,
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${HELP}`);
    }
    const { values } = parsed;
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (!values.inventory?.length) throw new UsageError(`--inventory is required\n${HELP}`);
    if (!values.answers?.length) throw new UsageError(`--answers is required\n${HELP}`);
    if (values.answers.length !== values.inventory.length) {
      throw new UsageError(`give one --answers file per --inventory (${values.inventory.length} inventories, ${values.answers.length} answers files)`);
    }
    checkInventoryArguments(values.inventory);
    let share = DEFAULT_MINIMUM_VALID_SHARE;
    if (values["min-valid"] !== undefined) {
      share = Number(values["min-valid"]);
      if (values["min-valid"].trim() === "" || Number.isNaN(share)) {
        throw new UsageError(`--min-valid must be a number in (0, 1], got "${values["min-valid"]}"`);
      }
    }
    resolveMinimumValidShare({ minimumValidShare: share });

    const inventories = loadInventories(values.inventory);
    const answerFiles = values.answers;
    const parts: ScoredPart[] = [];
    const notes: string[] = [];
    inventories.forEach((inventory, index) => {
      const { respondents, absentItems } = loadAnswersCsv(answerFiles[index], inventory);
      const scored = scoreAllRespondents(inventory, respondents, { minimumValidShare: share });
      parts.push(scoredPart(inventory, scored));
      const lines = report(scored, absentItems, share);
      notes.push(...(inventories.length > 1 ? lines.map((line) => `${inventory.name}: ${line}`) : lines));
    });
    console.log(values.json ? jsonOutput(parts, values.facets) : csvOutput(parts, values.facets));
    for (const line of notes) console.error(line);
    return 0;
  },
};
