import { parse } from "csv-parse/sync";
import { DataError } from "../errors";
import { parseAnswerText, type Answer } from "./answer";
import type { Inventory } from "./inventory-schema";
import type { RespondentAnswers } from "./score-inventory";
import { readTextFile } from "../files/read-text-file";

export interface ParsedAnswers {
  respondents: RespondentAnswers[];
  /** Inventory item ids with no column in the file: every respondent's answer to them counts as missing. */
  absentItems: number[];
}

/** Columns of the project's answers and score files that identify a row, not an item: read past, never scored. */
const IDENTIFIER_COLUMNS = new Set(["personaId", "condition", "answerCondition", "dataset", "derivedPersonaId", "provider", "model", "variant", "prompts", "invalidAnswers", "missingAnswers"]);

/**
 * Parses an answers CSV: a `respondent` column (or `personaId`, as the project's own answers-<inventory>.csv have,
 * whose identifier columns such as dataset, condition, provider, model are read past) and one column per item id ("1".."n"). Each cell is read with
 * parseAnswerText, so an empty or non-numeric cell is an invalid answer that keeps its raw text. A column that is
 * not an item of the inventory, a missing `respondent` column, a duplicate column or respondent is a DataError.
 */
export function parseAnswersCsv(text: string, inventory: Inventory, file: string): ParsedAnswers {
  let table: string[][];
  try {
    table = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new DataError(`not valid CSV (${(error as Error).message})`, {
      file,
      record: line === undefined ? undefined : `line ${line}`,
    });
  }
  if (table.length === 0) throw new DataError("the file is empty; expected a header row", { file });
  const header = table[0].map((name) => name.trim());
  const seenColumns = new Set<string>();
  for (const name of header) {
    if (seenColumns.has(name)) throw new DataError(`column "${name}" appears twice`, { file, record: "header", field: name });
    seenColumns.add(name);
  }
  // The project's own answers-<inventory>.csv name the respondent `personaId` and carry identifier columns.
  const respondentIndex = header.includes("respondent") ? header.indexOf("respondent") : header.indexOf("personaId");
  if (respondentIndex < 0) {
    throw new DataError('no "respondent" column in the header (nor "personaId", as in answers-<inventory>.csv)', { file, record: "header", field: "respondent" });
  }
  const itemIds = new Set(inventory.items.map((item) => item.id));
  const itemColumns: { index: number; id: number }[] = [];
  header.forEach((name, index) => {
    if (index === respondentIndex || IDENTIFIER_COLUMNS.has(name)) return;
    const id = /^\d+$/.test(name) ? Number(name) : Number.NaN;
    if (!itemIds.has(id)) {
      throw new DataError(`column "${name}" is not an item id of inventory "${inventory.name}"`, {
        file,
        record: "header",
        field: name,
      });
    }
    itemColumns.push({ index, id });
  });
  if (table.length === 1) throw new DataError("only a header row, no respondents; expected one row of answers per respondent", { file, record: "line 2" });
  const present = new Set(itemColumns.map((column) => column.id));
  const absentItems = [...itemIds].filter((id) => !present.has(id)).sort((a, b) => a - b);

  const seenRespondents = new Map<string, number>();
  const respondents = table.slice(1).map((cells, rowIndex) => {
    // Data rows start on line 2 (skip_empty_lines can shift this for files with blank lines; the name is also given).
    const line = rowIndex + 2;
    const respondent = cells[respondentIndex].trim();
    if (respondent === "") {
      throw new DataError("empty respondent", { file, record: `row ${rowIndex + 1} (line ${line})`, field: "respondent" });
    }
    const earlier = seenRespondents.get(respondent);
    if (earlier !== undefined) {
      throw new DataError(`respondent "${respondent}" already appears in row ${earlier}`, {
        file,
        record: `row ${rowIndex + 1} (respondent ${respondent})`,
        field: "respondent",
      });
    }
    seenRespondents.set(respondent, rowIndex + 1);
    const answers = new Map<number, Answer>();
    for (const column of itemColumns) answers.set(column.id, parseAnswerText(cells[column.index]));
    return { respondent, answers };
  });
  return { respondents, absentItems };
}

/** Reads an answers CSV from disk (see parseAnswersCsv). */
export function loadAnswersCsv(path: string, inventory: Inventory): ParsedAnswers {
  return parseAnswersCsv(readTextFile(path, "answers file"), inventory, path);
}
