/**
 * What every output parser returns. A parser never throws on model text and never imputes: text it cannot
 * read comes back as { ok: false, raw, reason } so the caller can retry once and otherwise keep it as an
 * invalid value with its raw text.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; raw: string; reason: string };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function failed<T>(raw: string, reason: string): ParseResult<T> {
  return { ok: false, raw, reason };
}

/** Lower-case, letters and digits only: "Socio-demographic Description" -> "sociodemographicdescription". */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Looks up the first of several key spellings in an object, comparing normalized keys. */
export function pick(record: Record<string, unknown>, ...names: string[]): unknown {
  const wanted = names.map(normalizeKey);
  for (const name of wanted) {
    for (const [key, value] of Object.entries(record)) if (normalizeKey(key) === name) return value;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
