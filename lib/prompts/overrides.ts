/**
 * Notebook-level template overrides: replace a template's text without editing the library. The overridden
 * text has its own hash (so new cache keys) and its version is shown as "<version>+override".
 */
const overrides = new Map<string, string>();

/** Uses `text` instead of the template file for prompt `id` from now on (new text, new hash, new cache keys). */
export function setPromptOverride(id: string, text: string): void {
  overrides.set(id, text);
}

export function clearPromptOverride(id: string): void {
  overrides.delete(id);
}

/** Drops every override set with setPromptOverride: the template files are used again. */
export function clearPromptOverrides(): void {
  overrides.clear();
}

export function promptOverride(id: string): string | undefined {
  return overrides.get(id);
}

export function activePromptOverrides(): Record<string, string> {
  return Object.fromEntries(overrides);
}
