import { connectionSettings as settingsOf, readVariable, type ConnectionSettings, type EnvironmentOptions } from "../llm/environment";
import { setupHint as hintOf } from "../llm/provider-definition";
import { getProvider } from "./registry";

/** Key and base URL of a registered provider from the environment / .env, or undefined when not configured. */
export function connectionSettings(provider: string, options: EnvironmentOptions = {}): ConnectionSettings | undefined {
  return settingsOf(getProvider(provider), options);
}

/** What a researcher must set for a registered provider, for error messages. */
export function setupHint(provider: string): string {
  return hintOf(getProvider(provider));
}

export { readVariable };
