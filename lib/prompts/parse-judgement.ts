import { extractJson } from "./extract-json";
import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";

/** The five criteria of the paper's Section 6.2, in its order. */
export const JUDGE_CRITERIA = ["Suggestion", "Consistency", "Comforting", "Identification", "Overall"] as const;
export type JudgeCriterion = (typeof JUDGE_CRITERIA)[number];
export type PairVerdict = "A" | "B" | "tie";
export type PairJudgement = Record<JudgeCriterion, PairVerdict>;

export function normalizeVerdict(value: unknown): PairVerdict | undefined {
  if (isRecord(value)) value = pick(value, "winner", "verdict", "answer", "choice", "better");
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase().replace(/[.!"'*]/g, "").trim();
  if (/^(a|dialogue a|dialog a|conversation a|option a)$/.test(text)) return "A";
  if (/^(b|dialogue b|dialog b|conversation b|option b)$/.test(text)) return "B";
  if (/^(tie|tied|equal|equally good|draw|same|both|neither|even)$/.test(text)) return "tie";
  return undefined;
}

/** The answer to judge-pair: "A" | "B" | "tie" for each of the five criteria (keys in any case; "Dialogue A", "equal"...). */
export function parsePairJudgement(raw: string): ParseResult<PairJudgement> {
  const json = extractJson(raw, "object");
  if (!json.ok) return failed(raw, json.reason);
  let value = json.value;
  if (isRecord(value)) {
    const inner = pick(value, "judgement", "judgment", "verdicts", "criteria", "results");
    if (isRecord(inner)) value = inner;
  }
  if (!isRecord(value)) return failed(raw, "JSON is not an object");
  const result: Partial<PairJudgement> = {};
  const problems: string[] = [];
  for (const criterion of JUDGE_CRITERIA) {
    const entry = pick(value, criterion);
    const verdict = normalizeVerdict(entry);
    if (verdict) result[criterion] = verdict;
    else problems.push(entry === undefined ? `no ${criterion}` : `unreadable ${criterion} ${JSON.stringify(entry)}`);
  }
  if (problems.length) return failed(raw, problems.join("; "));
  return parsed(result as PairJudgement);
}
