import type { z } from "zod";
import { DataError } from "../errors";

/** Field path of a zod issue as "dialog.3.text". */
function fieldPath(path: readonly PropertyKey[]): string | undefined {
  return path.length ? path.map(String).join(".") : undefined;
}

/**
 * Validates one record with a zod schema; on failure throws a DataError naming the file, the record and the
 * first offending field (the first issue is the one a researcher has to fix first; the rest are counted).
 */
export function validateRecord<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  file: string,
  record: string | number,
  fieldPrefix?: string,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const inner = fieldPath(first.path);
  const field = fieldPrefix ? (inner ? `${fieldPrefix}.${inner}` : fieldPrefix) : inner;
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"} in this record)` : "";
  throw new DataError(first.message + more, { file, record, field });
}

/** JSON.parse that reports the file and record instead of a bare SyntaxError. */
export function parseJson(text: string, file: string, record?: string | number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(`not valid JSON (${(error as Error).message})`, { file, record });
  }
}

/**
 * A JSON data file (prompt registry, strategy definitions, trait descriptions) parsed and validated with a
 * zod schema. Such files hold one top-level list, so a failure names the file, the list entry as the record
 * (the index after the list's key) and the full field path.
 */
export function parseJsonData<Schema extends z.ZodType>(schema: Schema, text: string, file: string): z.infer<Schema> {
  const result = schema.safeParse(parseJson(text, file));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new DataError(issue.message, { file, record: String(issue.path[1] ?? ""), field: issue.path.join(".") });
}

/** Non-empty lines of a JSON-lines text with their 1-based line numbers. */
export function jsonLines(text: string): Array<{ line: number; text: string }> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const result: Array<{ line: number; text: string }> = [];
  lines.forEach((content, index) => {
    if (content.trim()) result.push({ line: index + 1, text: content });
  });
  return result;
}

/** Text of a file given as a string or as bytes (UTF-8; a leading BOM is dropped). */
export function asText(input: string | Uint8Array): string {
  const text = typeof input === "string" ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("utf8");
  return text.replace(/^\uFEFF/, "");
}
