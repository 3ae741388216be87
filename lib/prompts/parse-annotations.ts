import type { StrategyLabel } from "../data/types";
import { extractJson } from "./extract-json";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";
import { normalizeStrategyLabel } from "./parse-strategy-label";

export interface StrategyAnnotations {
  labels: Array<{ index: number; strategy: StrategyLabel }>;
  /** Labels outside the 8 strategies, kept with their text. */
  unknown: Array<{ index: number; label: string }>;
}

/**
 * The answer to annotate-strategies: a JSON list of {index, strategy}, a {"<index>": "<label>"} object, or a
 * list of labels in supporter-turn order (needs `supporterIndexes`). When `supporterIndexes` is given, every
 * one of them must be labelled (known or unknown label) and no other index may appear.
 */
export function parseStrategyAnnotations(raw: string, supporterIndexes?: number[]): ParseResult<StrategyAnnotations> {
  const json = extractJson(raw, "array");
  if (!json.ok) return failed(raw, json.reason);
  let entries: Array<{ index: number; label: string }> = [];
  let value = json.value;
  if (isRecord(value)) {
    const inner = pick(value, "annotations", "labels", "strategies", "turns");
    if (Array.isArray(inner)) value = inner;
  }
  if (Array.isArray(value)) {
    if (value.every((entry) => typeof entry === "string")) {
      if (!supporterIndexes) return failed(raw, "a bare list of labels needs the supporter turn indexes");
      if (value.length !== supporterIndexes.length) return failed(raw, `${value.length} labels for ${supporterIndexes.length} supporter turns`);
      entries = value.map((label, position) => ({ index: supporterIndexes[position], label: label as string }));
    } else {
      for (const [position, entry] of value.entries()) {
        if (!isRecord(entry)) return failed(raw, `annotation ${position} is not an object`);
        const index = Number(pick(entry, "index", "turn", "turn index", "id"));
        const label = pick(entry, "strategy", "label", "annotation");
        if (!Number.isInteger(index) || typeof label !== "string") return failed(raw, `annotation ${position} needs an integer index and a strategy`);
        entries.push({ index, label });
      }
    }
  } else if (isRecord(value)) {
    for (const [key, label] of Object.entries(value)) {
      const index = Number(key.replace(/\D/g, ""));
      if (!Number.isInteger(index) || key.replace(/\D/g, "") === "" || typeof label !== "string") return failed(raw, `unreadable annotation "${key}"`);
      entries.push({ index, label });
    }
  } else return failed(raw, "JSON is neither a list nor an object");

  if (entries.length === 0) return failed(raw, "no annotations");
  const labels: StrategyAnnotations["labels"] = [];
  const unknown: StrategyAnnotations["unknown"] = [];
  for (const entry of entries) {
    const strategy = normalizeStrategyLabel(entry.label);
    if (strategy) labels.push({ index: entry.index, strategy });
    else unknown.push(entry);
  }
  if (supporterIndexes) {
    const seen = new Set(entries.map((entry) => entry.index));
    const missing = supporterIndexes.filter((index) => !seen.has(index));
    const extra = [...seen].filter((index) => !supporterIndexes.includes(index));
    if (missing.length) return failed(raw, `no label for supporter turn(s) ${missing.join(", ")}`);
    if (extra.length) return failed(raw, `labels for turn(s) ${extra.join(", ")} that are not supporter turns`);
  }
  return parsed({ labels, unknown });
}
