import { extractJson } from "./extract-json";
import { failed, isRecord, normalizeKey, parsed, pick, type ParseResult } from "./parse-result";

/** Which of `domains` a key names: exact, prefixed ("Honesty-Humility (H)"), or the first word ("Openness"). */
export function matchDomain(key: string, domains: string[]): string | undefined {
  const normalized = normalizeKey(key.replace(/^\s*\d+\s*[.)]\s*/, ""));
  if (!normalized) return undefined;
  const exact = domains.find((domain) => normalizeKey(domain) === normalized);
  if (exact) return exact;
  const prefixed = domains.filter((domain) => normalized.startsWith(normalizeKey(domain)));
  if (prefixed.length === 1) return prefixed[0];
  const firstWord = domains.filter((domain) => normalizeKey(domain.split(/[\s-]/)[0]) === normalized);
  return firstWord.length === 1 ? firstWord[0] : undefined;
}

function fromRecord(record: Record<string, unknown>, domains: string[]): Record<string, string> {
  const sentences: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    const domain = matchDomain(key, domains);
    if (domain && typeof value === "string" && value.trim()) sentences[domain] = value.trim();
  }
  return sentences;
}

function fromList(list: unknown[], domains: string[]): Record<string, string> {
  const sentences: Record<string, string> = {};
  if (list.every((entry) => typeof entry === "string") && list.length === domains.length) {
    list.forEach((entry, index) => (sentences[domains[index]] = (entry as string).trim()));
    return sentences;
  }
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const name = pick(entry, "indicator", "dimension", "domain", "trait", "name");
    const sentence = pick(entry, "sentence", "description", "statement", "text");
    const domain = typeof name === "string" ? matchDomain(name, domains) : undefined;
    if (domain && typeof sentence === "string" && sentence.trim()) sentences[domain] = sentence.trim();
    else Object.assign(sentences, fromRecord(entry, domains));
  }
  return sentences;
}

function fromLines(text: string, domains: string[]): Record<string, string> {
  const sentences: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*[-*\d.)]*\s*\**\s*([A-Za-z][A-Za-z -]+?)\s*(?:\([A-Za-z]+\))?\s*\**\s*[:–—-]\s*\**\s*(.+)$/);
    if (!match) continue;
    const domain = matchDomain(match[1], domains);
    if (domain && !sentences[domain]) sentences[domain] = match[2].trim();
  }
  return sentences;
}

/**
 * One sentence per dimension from the answer to describe-traits: a JSON object keyed by dimension name (any case,
 * with or without letter codes), a JSON list of six strings in the inventory's order or of {indicator, sentence},
 * or "Dimension: sentence" lines. Fails, naming them, when any of `domains` has no sentence.
 */
export function parseTraitSentences(raw: string, domains: string[]): ParseResult<Record<string, string>> {
  const json = extractJson(raw, "object");
  let sentences: Record<string, string> = {};
  if (json.ok) {
    let value = json.value;
    if (isRecord(value)) {
      const inner = pick(value, "indicators", "sentences", "traits", "descriptions");
      if (inner !== undefined) value = inner;
    }
    sentences = Array.isArray(value) ? fromList(value, domains) : isRecord(value) ? fromRecord(value, domains) : {};
  }
  if (Object.keys(sentences).length < domains.length) {
    const lines = fromLines(raw, domains);
    if (Object.keys(lines).length > Object.keys(sentences).length) sentences = lines;
  }
  const missing = domains.filter((domain) => !sentences[domain]);
  if (missing.length) return failed(raw, `no sentence for ${missing.join(", ")}`);
  return parsed(Object.fromEntries(domains.map((domain) => [domain, sentences[domain]])));
}
