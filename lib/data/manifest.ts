import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DataError } from "../errors";
import { projectRoot } from "../paths";
import { parseJson, validateRecord } from "./validate";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex digits");

export const manifestEntrySchema = z.object({
  dataset: z.string().min(1),
  /** Relative to the data folder, "/"-separated. */
  path: z
    .string()
    .min(1)
    .refine((path) => !path.startsWith("/") && !path.split("/").includes(".."), "must be a relative path inside the data folder"),
  /** Canonical public source, or null when the file must be obtained by hand (see `instructions`). */
  url: z.string().url().nullable(),
  /** Checksum of the file as laid out in the data folder (the reference copy). */
  sha256,
  bytes: z.number().int().nonnegative().optional(),
  /** A download is transformed before it is stored (PersonaHub: keep the first N unique personas). */
  derive: z.object({ keepFirstUnique: z.number().int().positive() }).optional(),
  instructions: z.string().optional(),
  note: z.string().optional(),
  license: z.string().min(1),
  citation: z.string().min(1),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const dataManifestSchema = z.object({
  version: z.literal(1),
  description: z.string().optional(),
  files: z.array(manifestEntrySchema).min(1),
});
export type DataManifest = z.infer<typeof dataManifestSchema>;

export function manifestPath(): string {
  return join(projectRoot(), "data", "manifest.json");
}

export function parseManifest(text: string, file: string): DataManifest {
  const manifest = validateRecord(dataManifestSchema, parseJson(text, file), file, "manifest");
  const seen = new Set<string>();
  manifest.files.forEach((entry, index) => {
    if (seen.has(entry.path)) {
      throw new DataError(`duplicate path ${JSON.stringify(entry.path)}`, { file, record: `files.${index}`, field: "path" });
    }
    seen.add(entry.path);
  });
  return manifest;
}

/** data/manifest.json of the project (or another manifest file). */
export function loadManifest(path: string = manifestPath()): DataManifest {
  return parseManifest(readFileSync(path, "utf8"), path);
}
