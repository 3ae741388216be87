import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { UsageError } from "../../errors";
import type { CliCommand } from "../command";
// Imported file by file (not through lib/inventory/index) so the command does not load danfojs.
import type { Inventory } from "../../inventory/inventory-schema";
import { loadInventory, loadStandardInventory, STANDARD_INVENTORIES, type StandardInventoryName } from "../../inventory/load-inventory";
import { loadAnswersCsv } from "../../inventory/parse-answers-csv";
import {
  DEFAULT_MINIMUM_VALID_SHARE,
  facetColumn,
  inventoryFacets,
  resolveMinimumValidShare,
  scoreAllRespondents,
  type RespondentScores,
} from "../../inventory/score-inventory";

const HELP = `usage: persona-talks score --inventory PATH --answers CSV [--json] [--min-valid 0.8] [--facets]

Scores inventory answers: one row per respondent, one column per domain.
  --inventory PATH   inventory JSON file (format: README, "Inventories"); "hexaco60" or "csi96" loads the
                     standard inventory from the data folder (npm run data)
  --answers CSV      CSV with a "respondent" column and one column per item id (1..n); an empty or
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

function resolveInventory(argument: string): Inventory {
  if (!existsSync(argument) && argument in STANDARD_INVENTORIES) {
    return loadStandardInventory(argument as StandardInventoryName);
  }
  return loadInventory(argument);
}

function csvOutput(inventory: Inventory, scored: RespondentScores[], withFacets: boolean): string {
  const facetPairs = withFacets ? inventoryFacets(inventory) : [];
  const header = ["respondent", ...inventory.domains, ...facetPairs.map(([domain, facet]) => facetColumn(domain, facet))];
  const lines = [header.map(csvCell).join(",")];
  for (const scores of scored) {
    const cells: (string | number | null)[] = [scores.respondent];
    for (const domain of inventory.domains) cells.push(scores.domains[domain].score);
    for (const [domain, facet] of facetPairs) cells.push(scores.facets[domain][facet].score);
    lines.push(cells.map(csvCell).join(","));
  }
  return lines.join("\n");
}

function jsonOutput(inventory: Inventory, scored: RespondentScores[], withFacets: boolean): string {
  const rows = scored.map((scores) => {
    const row: Record<string, unknown> = { respondent: scores.respondent };
    for (const domain of inventory.domains) row[domain] = scores.domains[domain].score;
    row.invalidAnswers = scores.invalidAnswers;
    if (withFacets) {
      row.facets = Object.fromEntries(
        Object.entries(scores.facets).map(([domain, facets]) => [
          domain,
          Object.fromEntries(Object.entries(facets).map(([facet, score]) => [facet, score.score])),
        ]),
      );
    }
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
          inventory: { type: "string" },
          answers: { type: "string" },
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
    if (!values.inventory) throw new UsageError(`--inventory is required\n${HELP}`);
    if (!values.answers) throw new UsageError(`--answers is required\n${HELP}`);
    let share = DEFAULT_MINIMUM_VALID_SHARE;
    if (values["min-valid"] !== undefined) {
      share = Number(values["min-valid"]);
      if (values["min-valid"].trim() === "" || Number.isNaN(share)) {
        throw new UsageError(`--min-valid must be a number in (0, 1], got "${values["min-valid"]}"`);
      }
    }
    resolveMinimumValidShare({ minimumValidShare: share });

    const inventory = resolveInventory(values.inventory);
    const { respondents, absentItems } = loadAnswersCsv(values.answers, inventory);
    const scored = scoreAllRespondents(inventory, respondents, { minimumValidShare: share });
    console.log(values.json ? jsonOutput(inventory, scored, values.facets) : csvOutput(inventory, scored, values.facets));
    for (const line of report(scored, absentItems, share)) console.error(line);
    return 0;
  },
};
