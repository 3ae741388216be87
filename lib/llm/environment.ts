import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { projectRoot } from "../paths";
import type { ProviderName } from "./types";

/**
 * Keys and base URLs are read when a call is made, from process.env first and then the project's
 * `.env`. They are never stored on disk by this library, never put into cache keys, and never copied
 * into error messages. The .env file is parsed, not loaded into process.env, so a notebook kernel
 * does not leak it into child processes.
 */

export const ENVIRONMENT_VARIABLES = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_BASE_URL",
  "LOCAL_LLM_BASE_URL",
  "LOCAL_LLM_API_KEY",
] as const;

export type EnvironmentVariable = (typeof ENVIRONMENT_VARIABLES)[number];

export interface EnvironmentOptions {
  /** A `.env` file to read; default `<project root>/.env`. */
  envFile?: string;
  /** Variables to use instead of process.env (tests). */
  env?: Record<string, string | undefined>;
}

function defaultEnvFile(): string | undefined {
  try {
    return join(projectRoot(), ".env");
  } catch {
    return undefined;
  }
}

function readEnvFile(file: string | undefined): Record<string, string> {
  if (!file || !existsSync(file)) return {};
  return parse(readFileSync(file));
}

/** One variable, from the given env (default process.env) or else the .env file; empty strings count as unset. */
export function readVariable(name: EnvironmentVariable, options: EnvironmentOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  const direct = env[name];
  if (direct !== undefined && direct.trim() !== "") return direct.trim();
  const fromFile = readEnvFile(options.envFile ?? defaultEnvFile())[name];
  return fromFile !== undefined && fromFile.trim() !== "" ? fromFile.trim() : undefined;
}

export interface ConnectionSettings {
  apiKey: string;
  /** Undefined means the SDK's public endpoint. */
  baseURL?: string;
}

/** What a researcher must set for a provider, for error messages. */
export function setupHint(provider: ProviderName): string {
  switch (provider) {
    case "openai":
      return "set OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible proxy) in the environment or in .env";
    case "anthropic":
      return "set ANTHROPIC_API_KEY (or ANTHROPIC_BASE_URL) in the environment or in .env";
    case "local":
      return "set LOCAL_LLM_BASE_URL (e.g. http://localhost:8000/v1 for vLLM) in the environment or in .env";
    case "sim":
      return "the sim provider needs no settings";
  }
}

/** The variables holding a provider's key and base URL, for error messages. */
export function providerVariables(provider: ProviderName): { key: EnvironmentVariable; baseURL: EnvironmentVariable } | undefined {
  switch (provider) {
    case "openai":
      return { key: "OPENAI_API_KEY", baseURL: "OPENAI_BASE_URL" };
    case "anthropic":
      return { key: "ANTHROPIC_API_KEY", baseURL: "ANTHROPIC_BASE_URL" };
    case "local":
      return { key: "LOCAL_LLM_API_KEY", baseURL: "LOCAL_LLM_BASE_URL" };
    case "sim":
      return undefined;
  }
}

/**
 * Key and base URL for a provider, or undefined when not configured. A placeholder key is used when a
 * base URL is set without a key, because OpenAI-compatible servers usually ignore it.
 */
export function connectionSettings(provider: ProviderName, options: EnvironmentOptions = {}): ConnectionSettings | undefined {
  const read = (name: EnvironmentVariable) => readVariable(name, options);
  switch (provider) {
    case "openai": {
      const apiKey = read("OPENAI_API_KEY");
      const baseURL = read("OPENAI_BASE_URL");
      if (!apiKey && !baseURL) return undefined;
      return { apiKey: apiKey ?? "not-needed", baseURL };
    }
    case "anthropic": {
      const apiKey = read("ANTHROPIC_API_KEY");
      const baseURL = read("ANTHROPIC_BASE_URL");
      if (!apiKey && !baseURL) return undefined;
      return { apiKey: apiKey ?? "not-needed", baseURL };
    }
    case "local": {
      const baseURL = read("LOCAL_LLM_BASE_URL");
      if (!baseURL) return undefined;
      return { apiKey: read("LOCAL_LLM_API_KEY") ?? "not-needed", baseURL };
    }
    case "sim":
      return { apiKey: "not-needed" };
  }
}

/** The provider to use when none is named: the first one configured, else the offline simulator. */
export function defaultProvider(options: EnvironmentOptions = {}): ProviderName {
  const read = (name: EnvironmentVariable) => readVariable(name, options);
  if (read("OPENAI_API_KEY") || read("OPENAI_BASE_URL")) return "openai";
  if (read("ANTHROPIC_API_KEY") || read("ANTHROPIC_BASE_URL")) return "anthropic";
  if (read("LOCAL_LLM_BASE_URL")) return "local";
  return "sim";
}
