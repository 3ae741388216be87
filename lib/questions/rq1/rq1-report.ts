import { rq1CorrelationsByGroup, type Rq1Group } from "../../analysis/rq1-correlations";
import { rq1Summary } from "./rq1-summary";
import { pairingAbbreviations, paperPairs, type ExpectedPairs } from "../../inventory/expected-pairs";
import type { Correction } from "../../stats/adjust";
import { alignmentTable, correlationDetailTable, correlationTable } from "../../tables/correlation-tables";
import type { Table } from "../../tables/table";
import { checkExpectedPattern } from "../../analysis/expected-pattern";
import { expectedPatternTable } from "../../tables/expected-pattern-table";
import { captionWhere } from "../../reports/display-names";

// RQ1's report (rq2-report.ts, rq3-report.ts: the others'): rows in, results + every paper-style table + the summary JSON out. These are
// what a CLI command or a notebook cell needs; all are pure (no files, no randomness beyond the given seed).

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export interface Rq1ReportOptions {
  correction?: Correction;
  /** Fields that split the rows into separate matrices; dataset and model unless given. */
  groupBy?: readonly string[];
  emphasis?: "strongest" | "paired" | "none";
  simulated?: boolean;
  /** Row and column inventories with their expected pairs (lib/inventory expectedPairs); the paper's unless given. */
  pairs?: ExpectedPairs;
}

/** RQ1: a correlation matrix, its alignment check and a detail table per dataset/model group (Tables 2-4, 10-15). */
export function rq1Report(scoreRows: unknown, options: Rq1ReportOptions = {}) {
  const pairs = options.pairs ?? paperPairs();
  const labels = { rows: pairs.rows.label, columns: pairs.columns.label };
  const abbreviations = pairingAbbreviations(pairs);
  const groups: Rq1Group[] = rq1CorrelationsByGroup(scoreRows, { correction: options.correction, groupBy: options.groupBy, pairs });
  const tables: Table[] = groups.flatMap((group) => {
    const known = Object.values(group.group).filter((value) => value.length > 0);
    const suffix = known.length > 0 ? `-${slug(known.join("-"))}` : "";
    const dataset = group.group.dataset;
    const model = group.group.model;
    // Titles name the dataset and model as the figures do (ESConv, "Simulated aligned (SIMULATED)"); file names keep the ids.
    const where = captionWhere({ dataset, model });
    return [
      correlationTable(group.matrix, {
        title: `Correlations between ${labels.columns} and ${labels.rows}${where}`,
        labels,
        abbreviations,
        simulated: options.simulated,
        emphasis: options.emphasis,
        alignment: group.alignment,
        name: `rq1-correlations${suffix}`,
      }),
      alignmentTable(group.alignment, { title: `Alignment check${where}`, labels, simulated: options.simulated, name: `rq1-alignment${suffix}` }),
      correlationDetailTable(group.matrix, {
        title: `${labels.rows} x ${labels.columns} correlations with 95% confidence intervals${where}`,
        labels,
        simulated: options.simulated,
        name: `rq1-correlations-detail${suffix}`,
      }),
      // The pairing's expected human pattern (when it has one), beside the correlations.
      ...(pairs.expected?.length
        ? [expectedPatternTable(checkExpectedPattern(group.matrix, pairs), { title: `Expected ${labels.rows} x ${labels.columns} pattern (human samples) beside the correlations${where}`, labels, simulated: options.simulated, name: `rq1-expected-pattern${suffix}`, citation: pairs.citation })]
        : []),
    ];
  });
  const expectedPattern = pairs.expected?.length
    ? groups.map((group) => {
        const rows = checkExpectedPattern(group.matrix, pairs);
        return { group: group.group, held: rows.filter((row) => row.holds === true).length, expected: rows.length, rows };
      })
    : undefined;
  return { groups, tables, summary: { ...rq1Summary(groups, { simulated: options.simulated }), ...(expectedPattern ? { expectedPattern } : {}) } };
}
