/**
 * Notebook-level template overrides: replace a template's text without editing the library. The overridden
 * text has its own hash (so new cache keys) and its version is shown as "<version>+override".
 */
const overrides = new Map<string, string>();

export function setPromptOverride(id: string, text: string): void {
  overrides.set(id, text);
}

export function clearPromptOverride(id: string): void {
  overrides.delete(id);
}

export function clearPromptOverrides(): void {
  overrides.clear();
}

export function promptOverride(id: string): string | undefined {
  return overrides.get(id);
}

export function activePromptOverrides(): Record<string, string> {
  return Object.fromEntries(overrides);
}
