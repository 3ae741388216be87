// The paper's numbers ("From Personas to Talks", EMNLP 2025), held as a data file (paper-numbers.json, checked
// against the paper's markdown by test/reports/paper-numbers.test.ts), and what its tables show, computed from
// them. "The paper states" (its prose, quoted) is kept apart from "the paper's tables show" (computed here).
import { isAligned, strongestIndex } from "../analysis/aligned";
import { PAIRED_CSI_DOMAIN, type HexacoDomain } from "../analysis/domains";
import paperFile from "./paper-numbers.json";

export interface PaperCorrelationTable {
  dataset: string;
  model: string;
  /** Rows in paperFile.hexacoRows order (the paper's), columns in paperFile.csiColumns order. */
  r: number[][];
}

export const PAPER_HEXACO_ROWS: readonly string[] = paperFile.hexacoRows;
export const PAPER_CSI_COLUMNS: readonly string[] = paperFile.csiColumns;

/** Tables 2-4 (ESConv), 10-12 (CAMS), 13-15 (Dreaddit): HEXACO x CSI correlations, keyed by table number. */
export const PAPER_CORRELATIONS: Readonly<Record<string, PaperCorrelationTable>> = paperFile.correlations;

/** Table 1: persona card statistics per dataset. */
export const PAPER_TABLE1: Record<string, Record<string, number | string>> = paperFile.table1;

/** Tables 5-7 (w/ and w/o persona traits, per model) and 8 (HEXACO vs CSI scores): strategy shares, keyed by table number. */
export const PAPER_STRATEGY_TABLES: Readonly<Record<string, { model: string; conditions: Record<string, Record<string, number>> }>> = paperFile.strategyShares;

/** Table 9 (human evaluation, 50 pairs): win / tie / loss shares of the with-persona dialogue. */
export const PAPER_TABLE9: Record<string, { win: number; tie: number; loss: number }> = paperFile.table9;

/** Table 16: statistics of dialogues generated with and without personas. */
export const PAPER_TABLE16: Record<"withPersona" | "withoutPersona", Record<string, number>> = paperFile.table16;

/** The paper's own words, quoted (never computed): what "the paper states". */
export const PAPER_STATEMENTS: Readonly<Record<string, { section: string; text: string }>> = paperFile.statements;

/** Strategy shares by condition: both/none from Table 5 (gpt-4o-mini), hexaco/csi from Table 8 (the paper does not name its model). */
export const PAPER_STRATEGY_SHARES: Record<string, Record<string, number>> = {
  ...PAPER_STRATEGY_TABLES["5"].conditions,
  ...PAPER_STRATEGY_TABLES["8"].conditions,
};

/** Section 5.2 (the paper states, from box plots; no numbers): the direction of the shift from original to re-extracted HEXACO scores. */
export const PAPER_RQ2_SHIFT: Record<string, "higher" | "lower" | "similar"> = {
  "Honesty-Humility": "similar",
  Emotionality: "higher",
  Extraversion: "lower",
  Agreeableness: "similar",
  Conscientiousness: "similar",
  "Openness to Experience": "similar",
};

export interface PaperAlignmentRow {
  table: string;
  dataset: string;
  model: string;
  hexacoDomain: string;
  pairedDomain: string;
  pairedR: number;
  strongestDomain: string;
  strongestR: number;
  aligned: boolean;
}

/** The alignment check (isAligned, the one definition) on each of the paper's correlation tables. */
export function paperAlignment(): PaperAlignmentRow[] {
  return Object.entries(PAPER_CORRELATIONS).flatMap(([table, { dataset, model, r }]) =>
    r.map((row, index) => {
      const hexacoDomain = PAPER_HEXACO_ROWS[index];
      const pairedDomain = PAIRED_CSI_DOMAIN[hexacoDomain as HexacoDomain];
      const pairedIndex = PAPER_CSI_COLUMNS.indexOf(pairedDomain);
      const strongest = strongestIndex(row);
      return {
        table,
        dataset,
        model,
        hexacoDomain,
        pairedDomain,
        pairedR: row[pairedIndex],
        strongestDomain: PAPER_CSI_COLUMNS[strongest],
        strongestR: row[strongest],
        aligned: isAligned(row, pairedIndex),
      };
    }),
  );
}

/** The paper's correlation tables of a dataset: "2", "3", "4" for ESConv, "10"-"12" for CAMS, "13"-"15" for Dreaddit; [] for any other (outside cards). */
export function paperTablesOf(dataset: string | undefined): string[] {
  return Object.entries(PAPER_CORRELATIONS).filter(([, table]) => table.dataset === dataset).map(([table]) => table);
}

/**
 * The paired HEXACO <-> CSI correlation per paper model, by HEXACO domain, for one dataset (Tables 2-4 for ESConv,
 * 10-12 for CAMS, 13-15 for Dreaddit); {} for a dataset the paper did not measure (outside cards).
 */
export function paperPairedCorrelations(dataset: string | undefined): Record<string, Record<string, number>> {
  const rows = paperAlignment();
  return Object.fromEntries(
    paperTablesOf(dataset).map((table) => [PAPER_CORRELATIONS[table].model, Object.fromEntries(rows.filter((row) => row.table === table).map((row) => [row.hexacoDomain, row.pairedR]))]),
  );
}

/** Tables 2-4 (ESConv): the paired HEXACO <-> CSI correlation per model, by HEXACO domain (from PAPER_CORRELATIONS). */
export const PAPER_PAIRED_CORRELATIONS_ESCONV: Record<string, Record<string, number>> = paperPairedCorrelations("esconv");

/** The table numbers as a range for a caption: ["10", "11", "12"] gives "10-12". */
export function tableRange(tables: readonly string[]): string {
  return tables.length > 1 ? `${tables[0]}-${tables[tables.length - 1]}` : (tables[0] ?? "");
}

/**
 * How a simulated model's designed misalignments compare with the paper model it is named after, computed from the
 * paper's tables (never written by hand): per table, the rows whose paired domain is not the strongest, and the
 * designed rows. `paperModel` is the paper's id ("llama-3.1-8b", "claude-3.5-haiku", "gpt-4o-mini").
 */
export function simulatedResemblance(simulated: { id: string; misalignedRows: readonly string[] }, paperModel: string): string {
  const rows = paperAlignment().filter((row) => row.model === paperModel);
  const tables = [...new Set(rows.map((row) => row.table))];
  if (!tables.length) throw new Error(`no paper tables for model "${paperModel}" in lib/reports/paper-numbers.json`);
  const perTable = tables.map((table) => {
    const ofTable = rows.filter((row) => row.table === table);
    const failing = ofTable.filter((row) => !row.aligned).map((row) => `${row.hexacoDomain} (strongest with ${row.strongestDomain}, ${correlation(row.strongestR)})`);
    return `Table ${table} (${DATASET_LABELS[ofTable[0].dataset] ?? ofTable[0].dataset}): ${failing.length ? failing.join(", ") : "none"}`;
  });
  const designed = simulated.misalignedRows.length ? simulated.misalignedRows.join(", ") : "none";
  return `Simulated ${simulated.id} is designed after the paper's ${paperModel}; designed misaligned rows: ${designed}. The paper's tables show misaligned rows in ${perTable.join("; ")}.`;
}

const DATASET_LABELS: Record<string, string> = { esconv: "ESConv", cams: "CAMS", dreaddit: "Dreaddit" };
const correlation = (r: number) => (r < 0 ? "-" : "") + Math.abs(r).toFixed(2).replace(/^0/, "");

/**
 * What the paper's correlation tables show, one sentence per model, computed from the numbers: in how many rows of
 * each table the paired domain is the strongest, and which rows are not (with the stronger domain and both r).
 */
export function paperAlignmentSentences(models: readonly string[] = [...new Set(Object.values(PAPER_CORRELATIONS).map((table) => table.model))]): string[] {
  const rows = paperAlignment();
  return models.map((model) => {
    const tables = [...new Set(rows.filter((row) => row.model === model).map((row) => row.table))];
    const parts = tables.map((table) => {
      const ofTable = rows.filter((row) => row.table === table);
      const failing = ofTable.filter((row) => !row.aligned);
      const where = `${DATASET_LABELS[ofTable[0].dataset] ?? ofTable[0].dataset} (Table ${table})`;
      const exceptions = failing.map((row) => `${row.hexacoDomain} is strongest with ${row.strongestDomain} (${correlation(row.strongestR)} vs paired ${row.pairedDomain} ${correlation(row.pairedR)})`);
      return `${ofTable.length - failing.length} of ${ofTable.length} on ${where}${exceptions.length ? `: ${exceptions.join("; ")}` : ""}`;
    });
    return `The paper's tables show for ${model}: the paired domain is the strongest of its HEXACO row in ${parts.join("; in ")}.`;
  });
}

/** A statement of the paper, quoted with its section: "The paper states (Section 4.2): “...”". */
export function paperStatement(key: string): string {
  const statement = PAPER_STATEMENTS[key];
  if (!statement) throw new Error(`no paper statement "${key}" in lib/reports/paper-numbers.json`);
  return `The paper states (Section ${statement.section}): “${statement.text}”`;
}
