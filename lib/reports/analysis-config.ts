import { rejectUnknownKeys } from "../check-options";
import { UsageError } from "../errors";
import type { CacheMode } from "../llm/cache/response-cache";
import type { ProviderName } from "../llm/types";
import { getProvider } from "../providers/registry";

/** What an analysis run (CLI `analyze` or a notebook's config cell) is configured with. */
export interface AnalysisConfig {
  /** Undefined: the first provider configured in the environment, else sim. */
  provider?: ProviderName;
  /** Undefined: the first model listed by the provider's module (lib/providers/). */
  model?: string;
  /** Items per dataset / condition (personas for RQ1 and RQ2, ESConv dialogues for RQ3). */
  n: number;
  seed: number;
  cacheMode: CacheMode;
}

/** Environment variables a notebook's config cell reads, so `npm run reproduce` and the tests can set them. */
export const CONFIG_VARIABLES = {
  provider: "PERSONA_TALKS_PROVIDER",
  model: "PERSONA_TALKS_MODEL",
  n: "PERSONA_TALKS_N",
  seed: "PERSONA_TALKS_SEED",
  cacheMode: "PERSONA_TALKS_CACHE_MODE",
} as const;

const CACHE_MODES: readonly CacheMode[] = ["read-write", "read-only", "off"];

export function parseProvider(value: string | undefined, source: string): ProviderName | undefined {
  if (value === undefined || value === "") return undefined;
  return getProvider(value, source).name;
}

export function parseWholeNumber(value: string | undefined, source: string, minimum: number): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    throw new UsageError(`${source} must be ${minimum === 1 ? "a positive integer" : minimum === 0 ? "a non-negative integer" : `an integer >= ${minimum}`}, got "${value}"`);
  }
  return number;
}

export function parseCacheMode(value: string | undefined, source: string): CacheMode | undefined {
  if (value === undefined || value === "") return undefined;
  if (!(CACHE_MODES as readonly string[]).includes(value)) throw new UsageError(`${source} must be read-write, read-only or off, got "${value}"`);
  return value as CacheMode;
}

/**
 * The configuration of a notebook: the defaults written in its config cell, overridden by the
 * PERSONA_TALKS_PROVIDER / _MODEL / _N / _SEED / _CACHE_MODE environment variables when they are set.
 */
export function analysisConfig(defaults: Partial<AnalysisConfig> = {}, environment: NodeJS.ProcessEnv = process.env): AnalysisConfig {
  rejectUnknownKeys(defaults, Object.keys(CONFIG_VARIABLES), "analysisConfig");
  const read = (key: keyof typeof CONFIG_VARIABLES) => environment[CONFIG_VARIABLES[key]];
  return {
    provider: parseProvider(read("provider"), CONFIG_VARIABLES.provider) ?? defaults.provider,
    model: (read("model") || undefined) ?? defaults.model,
    n: parseWholeNumber(read("n"), CONFIG_VARIABLES.n, 1) ?? defaults.n ?? 20,
    seed: parseWholeNumber(read("seed"), CONFIG_VARIABLES.seed, 0) ?? defaults.seed ?? 1,
    cacheMode: parseCacheMode(read("cacheMode"), CONFIG_VARIABLES.cacheMode) ?? defaults.cacheMode ?? "read-write",
  };
}

/** A value of the config and where it came from: the cell (the defaults given) or an environment variable. */
export interface ConfigSource {
  key: keyof AnalysisConfig;
  value: unknown;
  /** The environment variable that set the value, when one did. */
  variable?: string;
  /** What the cell (the defaults) said, when an environment variable overrode it. */
  cellValue?: unknown;
}

/** Which values of analysisConfig(defaults, environment) came from an environment variable, and what the cell said. */
export function configSources(defaults: Partial<AnalysisConfig> = {}, environment: NodeJS.ProcessEnv = process.env): ConfigSource[] {
  const config = analysisConfig(defaults, environment);
  return (Object.keys(CONFIG_VARIABLES) as (keyof typeof CONFIG_VARIABLES)[]).map((key) => {
    const variable = CONFIG_VARIABLES[key];
    const set = environment[variable] !== undefined && environment[variable] !== "";
    return set ? { key, value: config[key], variable, cellValue: defaults[key] } : { key, value: config[key] };
  });
}

/** "n = 10 (PERSONA_TALKS_N; the cell says 20)" for each value an environment variable overrode. */
export function describeOverrides(sources: readonly ConfigSource[]): string[] {
  return sources
    .filter((source) => source.variable && source.value !== source.cellValue)
    .map((source) => `${source.key} = ${String(source.value)} (${source.variable}; the cell says ${String(source.cellValue)})`);
}
