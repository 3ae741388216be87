import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "dotenv";
import { projectRoot } from "../paths";
import type { ProviderIdentity } from "./provider-definition";

/**
 * Keys and base URLs are read when a call is made, from process.env first and then the project's
 * `.env`. They are never stored on disk by this library, never put into cache keys, and never copied
 * into error messages. The .env file is parsed, not loaded into process.env, so a notebook kernel
 * does not leak it into child processes.
 */

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
export function readVariable(name: string, options: EnvironmentOptions = {}): string | undefined {
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

/**
 * Key and base URL for a provider, or undefined when not configured. A placeholder key is used when a
 * base URL is set without a key, because OpenAI-compatible servers usually ignore it.
 */
export function connectionSettings(provider: ProviderIdentity, options: EnvironmentOptions = {}): ConnectionSettings | undefined {
  if (provider.needs === "nothing") return { apiKey: "not-needed" };
  const read = (name: string | undefined) => (name ? readVariable(name, options) : undefined);
  const apiKey = read(provider.environment.key);
  const baseURL = read(provider.environment.baseURL);
  if (provider.needs === "base-url" && !baseURL) return undefined;
  if (!apiKey && !baseURL) return undefined;
  return { apiKey: apiKey ?? "not-needed", baseURL };
}

/** Whether the environment names this provider's key or base URL (what picks the default provider). */
export function isConfigured(provider: ProviderIdentity, options: EnvironmentOptions = {}): boolean {
  return provider.needs !== "nothing" && connectionSettings(provider, options) !== undefined;
}
