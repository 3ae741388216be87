import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DataError } from "../errors";
import { decodeMixedUtf8 } from "./decode-mixed-utf8";
import { parseCsvTable, requireColumns } from "./read-csv";
import { requireDataFile } from "./require-data";
import type { Post } from "./types";

/** The three CSV files of CAMS (Garg et al., LREC 2022), as named in its repository's CAMS/data folder. */
export const CAMS_FILES = ["added_CAMS_data.csv", "IntentSDCNL_Training.csv", "IntentSDCNL_Testing.csv"] as const;
export type CamsFile = (typeof CAMS_FILES)[number];

/** CAMS cause categories (Garg et al., 2022, Table 1): the `cause` / `ANNOTATIONS` column holds the number. */
export const CAMS_CAUSES: Record<string, string> = {
  "0": "No reason",
  "1": "Bias or abuse",
  "2": "Jobs and careers",
  "3": "Medication",
  "4": "Relationship",
  "5": "Alienation",
};

export interface CamsRecord {
  file: string;
  /** 1-based data row (header excluded). */
  row: number;
  text: string;
  /** Cause category number as written ("0".."5"), "" when the row has none. */
  cause: string;
  /** The annotators' free-text inference / interpretation of the cause. */
  inference: string;
}

// added_CAMS_data.csv says selftext,cause,inference; the IntentSDCNL files say selftext,ANNOTATIONS,Interpretations.
const COLUMN_SETS = [
  { text: "selftext", cause: "cause", inference: "inference" },
  { text: "selftext", cause: "ANNOTATIONS", inference: "Interpretations" },
] as const;

/**
 * One CAMS CSV file. Bytes are decoded as UTF-8 with stray Windows-1252 bytes read as Windows-1252
 * (added_CAMS_data.csv has about 127 of them), so no row is lost and no U+FFFD appears.
 */
export function parseCams(input: Uint8Array | string, file: string): CamsRecord[] {
  const { text } = decodeMixedUtf8(input);
  const table = parseCsvTable(text, file, []);
  const columns = COLUMN_SETS.find((set) => table.header.includes(set.cause)) ?? COLUMN_SETS[0];
  requireColumns(table.header, [columns.text, columns.cause, columns.inference], file);
  const name = basename(file);
  return table.rows.map((row, index) => {
    const cause = (row[columns.cause] ?? "").trim();
    if (cause !== "" && !(cause in CAMS_CAUSES)) {
      throw new DataError(`unknown cause category ${JSON.stringify(cause)} (expected 0-5 or empty)`, {
        file,
        record: index + 1,
        field: columns.cause,
      });
    }
    return { file: name, row: index + 1, text: row[columns.text] ?? "", cause, inference: (row[columns.inference] ?? "").trim() };
  });
}

export interface LoadCamsOptions {
  /** Data folder; default dataDirectory(). */
  directory?: string;
  /** Only these files; default all three. */
  files?: readonly CamsFile[];
}

/** All CAMS rows of the data folder, by file, in file order. */
export function loadCams(options: LoadCamsOptions = {}): Record<string, CamsRecord[]> {
  const result: Record<string, CamsRecord[]> = {};
  for (const name of options.files ?? CAMS_FILES) {
    const path = requireDataFile(`cams/${name}`, options.directory);
    result[name] = parseCams(readFileSync(path), path);
  }
  return result;
}

/** Rows as Posts for persona extraction; rows whose text is blank are left out (they carry no persona). */
export function camsRecordsToPosts(records: CamsRecord[]): Post[] {
  return records
    .filter((record) => record.text.trim() !== "")
    .map((record) => {
      const labels: Record<string, string> = { file: record.file, cause: record.cause, inference: record.inference };
      if (record.cause !== "") labels.causeName = CAMS_CAUSES[record.cause];
      return {
        id: `cams:${record.file.replace(/\.csv$/, "")}:${record.row}`,
        dataset: "cams" as const,
        text: record.text.trim(),
        labels,
      };
    });
}

/** CAMS posts of the data folder (all three files by default). */
export function camsPosts(options: LoadCamsOptions = {}): Post[] {
  return Object.values(loadCams(options)).flatMap(camsRecordsToPosts);
}
