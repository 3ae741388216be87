import type { z } from "zod";
import { DataError } from "../errors";

/** A provider declaration checked against its schema; a DataError names the file and the first bad field. */
export function parseDeclaration<Schema extends z.ZodType>(schema: Schema, value: unknown, file: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new DataError(`${issue?.message ?? "invalid provider declaration"}; see docs/models.md ("Add a provider")`, {
    file,
    field: issue?.path.join(".") || undefined,
  });
}
