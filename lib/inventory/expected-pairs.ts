import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { DataError, MissingDataError } from "../errors";
import { parseJson } from "../data/validate";
import { projectRoot } from "../paths";
import { catalogEntry, inventoryIdSchema } from "./catalog";
import type { Inventory } from "./inventory-schema";
import { inventoryAbbreviations, inventoryFile, inventoryId } from "./load-inventory";
import { scoreColumn } from "./score-columns";
import paperPairingFile from "./pairings/hexaco60-csi96.json";

const PAPER_PAIRING = "lib/inventory/pairings/hexaco60-csi96.json";

// Expected trait-style pairs as configuration: a pairing file (lib/inventory/pairings/<row id>-<column id>.json,
// format in docs/inventory.md) names, for a row inventory and a column inventory, the domain pairs theory expects
// to correlate most and the display order of rows and columns. RQ1's "aligned" and the MTMM view read it.

const sideSchema = z
  .object({
    inventory: inventoryIdSchema,
    /** Short label for titles ("HEXACO"); the catalog's label or the inventory name when absent. */
    label: z.string().min(1).optional(),
    /** Display order of the domains (a permutation of the inventory's domains); the file's order when absent. */
    order: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const pairSchema = z
  .object({
    row: z.string().min(1),
    column: z.string().min(1),
    /** The sign theory expects (documentation and later checks; "aligned" compares |r| only). */
    direction: z.enum(["positive", "negative"]).optional(),
  })
  .strict();

const expectationSchema = z
  .object({
    row: z.string().min(1),
    column: z.string().min(1),
    /** The sign found in human samples. */
    sign: z.enum(["positive", "negative"]),
    /** Optional words, not numbers: how strong the cited source describes the human convergence. */
    strength: z.enum(["strong", "moderate", "modest"]).optional(),
    /** True when the source expects this column to be the row domain's strongest correlate. */
    largestInRow: z.boolean().default(false),
  })
  .strict();

export const pairingFileSchema = z
  .object({
    $comment: z.string().optional(),
    citation: z.string().min(1).optional(),
    rows: sideSchema,
    columns: sideSchema,
    pairs: z.array(pairSchema),
    /**
     * Optional: the convergent and discriminant pattern expected from human samples (signs and words, several per
     * row allowed), checked beside the correlations (lib/analysis/expected-pattern.ts).
     */
    expected: z.array(expectationSchema).optional(),
  })
  .strict();

export type ExpectedPair = z.infer<typeof pairSchema>;
/** One expected convergence (or sign) of the human pattern: row domain x column domain. */
export type ExpectedConvergence = z.infer<typeof expectationSchema>;

/** One side of a pairing: the inventory and its domains in display order. */
export interface PairingSide {
  id: string;
  /** The inventory's name (score column prefix, "HEXACO-60"). */
  name: string;
  /** Short label for titles ("HEXACO"). */
  label: string;
  /** Domains in display order. */
  domains: string[];
  /** `<name>:<domain>` score columns in display order. */
  columns: string[];
  /** Domain -> short table label (the inventory file's `abbreviations`, else the catalog's); may be empty. */
  abbreviations: Readonly<Record<string, string>>;
}

export interface ExpectedPairs {
  rows: PairingSide;
  columns: PairingSide;
  /** Row domain -> the column domain theory pairs with it (at most one per row). */
  pairs: ExpectedPair[];
  citation?: string;
  /** The human pattern (signs, strengths in words) to check beside the correlations; none when the file has none. */
  expected?: ExpectedConvergence[];
  /** The pairing file read; undefined when none exists for the two inventories (no expected pairs). */
  file?: string;
}

type InventoryRef = Inventory | string;

const BUILT_IN = () => join(projectRoot(), "lib", "inventory", "pairings");

interface SideInfo {
  id: string;
  name: string;
  label: string;
  abbreviations: Readonly<Record<string, string>>;
  domains?: string[];
  file?: string;
}

function sideInfo(ref: InventoryRef): SideInfo {
  if (typeof ref !== "string") {
    const id = inventoryId(ref);
    const abbreviations = inventoryAbbreviations(ref);
    return { id, name: ref.name, label: catalogEntry(id)?.label ?? ref.name, abbreviations, domains: [...ref.domains], file: inventoryFile(ref) };
  }
  const entry = catalogEntry(ref);
  if (!entry) throw new DataError(`no catalog entry for inventory "${ref}"; pass the loaded inventory instead of its id`);
  return { id: ref, name: entry.name, label: entry.label ?? entry.name, abbreviations: entry.abbreviations ?? {} };
}

function zodError(error: z.ZodError, file: string): DataError {
  const issue = error.issues[0];
  const path = issue.path.map(String);
  const record = (path[0] === "pairs" || path[0] === "expected") && path.length >= 2 ? `${path[0]}[${path[1]}]` : undefined;
  const field = (record ? path.slice(2) : path).join(".") || undefined;
  const message = issue.code === "unrecognized_keys" ? `unknown key(s) ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}` : issue.message;
  return new DataError(message, { file, record, field });
}

function buildSide(
  info: SideInfo,
  side: z.infer<typeof sideSchema> | undefined,
  file: string | undefined,
  which: "rows" | "columns",
): PairingSide {
  if (side && side.inventory !== info.id) {
    throw new DataError(`this pairing is for inventory "${side.inventory}", not "${info.id}"`, { file, field: `${which}.inventory` });
  }
  const order = side?.order ?? info.domains;
  if (!order) throw new DataError(`no domain order for inventory "${info.id}"`, { file, field: `${which}.order` });
  const seen = new Set<string>();
  order.forEach((domain, index) => {
    if (seen.has(domain)) throw new DataError(`domain "${domain}" is listed twice`, { file, record: `${which}.order[${index}]`, field: "order" });
    seen.add(domain);
    if (info.domains && !info.domains.includes(domain)) {
      throw new DataError(`domain "${domain}" is not a domain of ${info.name}`, { file, record: `${which}.order[${index}]`, field: "order" });
    }
  });
  const missing = info.domains?.find((domain) => !seen.has(domain));
  if (missing !== undefined) throw new DataError(`domain "${missing}" of ${info.name} is missing from the order`, { file, field: `${which}.order` });
  return {
    id: info.id,
    name: info.name,
    label: side?.label ?? info.label,
    domains: [...order],
    columns: order.map((domain) => scoreColumn(info.name, domain)),
    abbreviations: info.abbreviations,
  };
}

function checkPairs(pairs: readonly ExpectedPair[], rows: PairingSide, columns: PairingSide, file: string | undefined): void {
  const seenRows = new Set<string>();
  pairs.forEach((pair, index) => {
    const record = `pairs[${index}]`;
    if (!rows.domains.includes(pair.row)) throw new DataError(`"${pair.row}" is not a domain of ${rows.name}`, { file, record, field: "row" });
    if (!columns.domains.includes(pair.column)) throw new DataError(`"${pair.column}" is not a domain of ${columns.name}`, { file, record, field: "column" });
    if (seenRows.has(pair.row)) throw new DataError(`row domain "${pair.row}" is paired twice (at most one expected pair per row)`, { file, record, field: "row" });
    seenRows.add(pair.row);
  });
}

/** Applies parsed pairing JSON to the two inventories; `file` names the source in errors. */
export function applyPairing(raw: unknown, file: string, row: InventoryRef, column: InventoryRef, transpose = false): ExpectedPairs {
  const parsed = pairingFileSchema.safeParse(raw);
  if (!parsed.success) throw zodError(parsed.error, file);
  const data = parsed.data;
  const [rowSide, columnSide] = transpose ? [data.columns, data.rows] : [data.rows, data.columns];
  const rows = buildSide(sideInfo(row), rowSide, file, transpose ? "columns" : "rows");
  const columns = buildSide(sideInfo(column), columnSide, file, transpose ? "rows" : "columns");
  const filePairs = transpose ? data.pairs.map((pair) => ({ ...pair, row: pair.column, column: pair.row })) : data.pairs;
  checkPairs(filePairs, rows, columns, file);
  const expected = data.expected?.map((entry) => (transpose ? { ...entry, row: entry.column, column: entry.row, largestInRow: false } : entry));
  expected?.forEach((entry, index) => {
    const record = `expected[${index}]`;
    if (!rows.domains.includes(entry.row)) throw new DataError(`"${entry.row}" is not a domain of ${rows.name}`, { file, record, field: transpose ? "column" : "row" });
    if (!columns.domains.includes(entry.column)) throw new DataError(`"${entry.column}" is not a domain of ${columns.name}`, { file, record, field: transpose ? "row" : "column" });
  });
  return { rows, columns, pairs: filePairs, citation: data.citation, file, ...(expected ? { expected } : {}) };
}

/** Reads a pairing file and applies it to the two inventories (ids of the catalog, or loaded inventories). */
export function loadPairingFile(path: string, row: InventoryRef, column: InventoryRef, transpose = false): ExpectedPairs {
  if (!existsSync(path)) throw new MissingDataError(path, "pairing file not found; check the path (format: docs/inventory.md).");
  return applyPairing(parseJson(readFileSync(path, "utf8"), path), path, row, column, transpose);
}

/** Where pairing files for these inventories may be: the built-in folder, then beside either inventory's file. */
function pairingFolders(row: InventoryRef, column: InventoryRef): string[] {
  const folders = [BUILT_IN()];
  for (const ref of [row, column]) {
    const file = typeof ref === "string" ? undefined : inventoryFile(ref);
    if (file) folders.push(dirname(file), join(dirname(file), "pairings"));
  }
  return [...new Set(folders)];
}

/**
 * The expected trait-style pairs of a row and a column inventory (ids or loaded inventories), with the display
 * order of both: `<row id>-<column id>.json` in lib/inventory/pairings/ or beside either inventory file (a file
 * for the swapped pair is read transposed). Without a pairing file: no pairs, domains in each file's order.
 */
export function expectedPairs(row: InventoryRef, column: InventoryRef, options: { file?: string } = {}): ExpectedPairs {
  if (options.file) return loadPairingFile(options.file, row, column);
  const rowInfo = sideInfo(row);
  const columnInfo = sideInfo(column);
  for (const folder of pairingFolders(row, column)) {
    const direct = join(folder, `${rowInfo.id}-${columnInfo.id}.json`);
    if (existsSync(direct)) return loadPairingFile(direct, row, column);
    const swapped = join(folder, `${columnInfo.id}-${rowInfo.id}.json`);
    if (existsSync(swapped)) return loadPairingFile(swapped, row, column, true);
  }
  return { rows: buildSide(rowInfo, undefined, undefined, "rows"), columns: buildSide(columnInfo, undefined, undefined, "columns"), pairs: [] };
}

let paper: ExpectedPairs | undefined;

/**
 * The paper's pairing (HEXACO-60 rows x CSI columns, De Vries et al. 2013; paper Section 4.1): the default
 * everywhere. Read from the bundled pairings/hexaco60-csi96.json (no file system lookup, no inventory file needed).
 */
export function paperPairs(): ExpectedPairs {
  paper ??= applyPairing(paperPairingFile, PAPER_PAIRING, "hexaco60", "csi96");
  return paper;
}

/** The column domain paired with a row domain, or undefined when the pairing has none for it. */
export function pairedDomain(pairs: ExpectedPairs, rowDomain: string): string | undefined {
  return pairs.pairs.find((pair) => pair.row === rowDomain)?.column;
}

/** Score column -> short table label for both sides of a pairing (only the domains that have one). */
export function pairingAbbreviations(pairs: ExpectedPairs): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const side of [pairs.rows, pairs.columns]) {
    side.domains.forEach((domain, index) => {
      if (side.abbreviations[domain] !== undefined) labels[side.columns[index]] = side.abbreviations[domain];
    });
  }
  return labels;
}

/** Whether a row domain and a column domain are an expected pair. */
export function isExpectedPair(pairs: ExpectedPairs, rowDomain: string, columnDomain: string): boolean {
  return pairedDomain(pairs, rowDomain) === columnDomain;
}
