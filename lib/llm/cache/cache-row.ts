import { z } from "zod";
import { PROVIDER_NAME } from "../provider-definition";
import { lookupProvider, providerLookupInstalled } from "../provider-lookup";
import type { Completion, ProviderName } from "../types";

// The columns a completion is rebuilt from, in this order (rows are read as arrays: a row object per
// hit costs more than the lookup itself when replaying hundreds of thousands of answers).
export const COMPLETION_COLUMNS = `provider, response_model, text, input_tokens, output_tokens, finish_reason, logprobs_json,
  warnings_json, raw, raw_dictionary, latency_ms, created_at`;
/** The same columns in a format-0 file (`responses`), where the raw body is JSON text and has no dictionary. */
export const LEGACY_COMPLETION_COLUMNS = `provider, response_model, text, input_tokens, output_tokens, finish_reason, logprobs_json,
  warnings_json, raw_json, NULL, latency_ms, created_at`;

/**
 * A row is validated when read, so a hand-edited or half-migrated file fails loudly instead of handing
 * a wrong answer to an analysis. The scalar columns are checked by hand (this runs once per cache hit,
 * and a zod object parse cost more than the SQLite lookup); the JSON columns must parse, and the
 * warnings and logprobs are checked by zod schemas. Returns the first bad column's complaint, or undefined.
 */
export function rowProblem(row: unknown[]): string | undefined {
  const provider = row[0];
  // Any registered provider is accepted (one registered at run time stores its answers like the built-in ones).
  if (typeof provider !== "string" || !(SEEN_PROVIDERS.has(provider) || isProviderName(provider))) return `provider: expected a registered provider, got ${JSON.stringify(provider)}`;
  if (typeof row[1] !== "string") return "response_model: expected a string";
  if (typeof row[2] !== "string") return "text: expected a string";
  if (!isCount(row[3])) return "input_tokens: expected a non-negative integer";
  if (!isCount(row[4])) return "output_tokens: expected a non-negative integer";
  if (row[5] !== null && typeof row[5] !== "string") return "finish_reason: expected a string or null";
  if (row[6] !== null && typeof row[6] !== "string") return "logprobs_json: expected a string or null";
  if (typeof row[7] !== "string") return "warnings_json: expected a string";
  if (typeof row[8] !== "string" && !Buffer.isBuffer(row[8])) return "raw: expected text";
  if (row[9] !== null && !isCount(row[9])) return "raw_dictionary: expected a dictionary id or null";
  const latencyMs = row[10];
  if (typeof latencyMs !== "number" || !(latencyMs >= 0) || latencyMs === Infinity) return "latency_ms: expected a non-negative number";
  if (typeof row[11] !== "string") return "created_at: expected a string";
  return undefined;
}

/** Names already checked (a replay reads the same one or two names hundreds of thousands of times). */
const SEEN_PROVIDERS = new Set<string>();

function isProviderName(name: string): boolean {
  if (!PROVIDER_NAME.test(name)) return false;
  if (providerLookupInstalled() && !lookupProvider(name)) return false;
  SEEN_PROVIDERS.add(name);
  return true;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

const logprobsSchema = z.array(
  z.object({
    token: z.string(),
    logprob: z.number(),
    top: z.array(z.object({ token: z.string(), logprob: z.number() })),
  }),
);

const warningsSchema = z.array(z.string());

export class MalformedEntryError extends Error {}

/**
 * A completion from a validated row. The raw body is decoded when first read (a replay of hundreds of
 * thousands of answers never looks at it), through `rawText`, which inflates the stored bytes.
 */
export function completionFromRow(key: string, row: unknown[], rawText: (bytes: string | Buffer, dictionary: number | null) => string): Completion {
  const problem = rowProblem(row);
  if (problem !== undefined) throw new MalformedEntryError(`entry ${key} is malformed: ${problem}`);
  const warningsJson = row[7] as string;
  const warnings = warningsJson === "[]" ? (NO_WARNINGS as string[]) : parseColumn(key, "warnings_json", warningsSchema, parseJson(key, "warnings_json", warningsJson));
  const stored = row[8];
  const dictionary = row[9] as number | null;
  let completion: Completion;
  if (dictionary === null) {
    completion = {
      provider: row[0] as ProviderName,
      model: interned(row[1] as string),
      text: row[2] as string,
      usage: { inputTokens: row[3] as number, outputTokens: row[4] as number },
      raw: parseJson(key, "raw_json", typeof stored === "string" ? stored : (stored as Buffer).toString()),
      latencyMs: row[10] as number,
      createdAt: row[11] as string,
      cached: true,
      warnings,
    };
  } else {
    completion = lazyRawCompletion(key, row, stored as string | Buffer, dictionary, rawText, warnings);
  }
  if (row[5] !== null) completion.finishReason = row[5] as string;
  if (row[6] !== null) completion.logprobs = parseColumn(key, "logprobs_json", logprobsSchema, parseJson(key, "logprobs_json", row[6] as string));
  return completion;
}

/**
 * The completion with an accessor for `raw` in the literal (not defineProperty, which is several times slower
 * per object): `raw` is an own enumerable property, so spreads, JSON and deepEqual see the decoded body. Its
 * closure holds only the stored difference and its dictionary id (not the row), since a replay holds
 * hundreds of thousands of these.
 */
function lazyRawCompletion(
  key: string,
  row: unknown[],
  stored: string | Buffer,
  dictionary: number,
  rawText: (bytes: string | Buffer, dictionary: number | null) => string,
  warnings: string[],
): Completion {
  let value: unknown = stored;
  let decoded = false;
  return {
    provider: row[0] as ProviderName,
    model: interned(row[1] as string),
    text: internedShort(row[2] as string),
    usage: { inputTokens: row[3] as number, outputTokens: row[4] as number },
    get raw(): unknown {
      if (!decoded) {
        value = decodeRaw(key, value as string | Buffer, dictionary, rawText);
        decoded = true;
      }
      return value;
    },
    set raw(next: unknown) {
      value = next;
      decoded = true;
    },
    latencyMs: row[10] as number,
    createdAt: interned(row[11] as string),
    cached: true,
    warnings,
  };
}

/**
 * Shared by every cached completion without warnings (frozen, so nobody can add to all of them at once): a
 * replay holds hundreds of thousands of completions, and an empty array each is memory for nothing.
 */
const NO_WARNINGS: readonly string[] = Object.freeze([]);

/** Inventory answers are a digit or two: one string per distinct short text, not one per row. */
function internedShort(text: string): string {
  return text.length <= 4 ? interned(text) : text;
}

/** Model names repeat on every row: one string per name instead of one per row held in memory. */
const names = new Map<string, string>();
function interned(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size < 10_000) names.set(name, name);
  return name;
}

function decodeRaw(key: string, bytes: string | Buffer, dictionary: number | null, rawText: (bytes: string | Buffer, dictionary: number | null) => string): unknown {
  let text: string;
  try {
    text = rawText(bytes, dictionary);
  } catch (error) {
    throw new MalformedEntryError(`entry ${key} is malformed: raw: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseJson(key, "raw", text);
}

function parseJson(key: string, column: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedEntryError(`entry ${key} is malformed: ${column}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseColumn<T>(key: string, column: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MalformedEntryError(`entry ${key} is malformed: ${column}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
