import type { z } from "zod";
import { DataError } from "../errors";

/** A JSON file's text checked against a zod schema: a DataError naming the file and the first bad field otherwise. */
export function parseJsonFile<Schema extends z.ZodType>(text: string, schema: Schema, file: string): z.infer<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(`not JSON: ${(error as Error).message}`, { file });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(issue.message, { file, field: issue.path.join(".") });
  }
  return parsed.data;
}
