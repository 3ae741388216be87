import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toJsonLines, type DialogueLine, type JudgementLine } from "../../lib/reports/dialogue-lines";
import { JUDGE_CRITERIA } from "../../lib/prompts/parse-judgement";

/** Markup in a turn, to check it is shown as text and never run. */
export const HOSTILE_TEXT = `<script>window.injected = 1</script><img src=x onerror="window.injected = 2"> & "quotes"`;

/**
 * A made-up rq3 output folder (dialogues.jsonl, judgements.jsonl) with `pairs` with/without pairs plus one
 * hexaco-only dialogue and one pair whose second side failed (neither can be drawn into a study).
 */
export function writeRq3Fixture(directory: string, pairs: number): string {
  mkdirSync(directory, { recursive: true });
  const base = { personaId: "p", status: "ok" as const, provider: "sim", model: "sim-test", promptId: "continue", promptHash: "h", simulated: true };
  const lines: DialogueLine[] = [];
  const judgements: JudgementLine[] = [];
  for (let index = 0; index < pairs; index++) {
    const pairId = `pair:esconv:test:${index}:abc123`;
    const turns = (label: string) => [
      { speaker: "seeker", text: `Seeker opening ${index}. ${index === 0 ? HOSTILE_TEXT : ""}`, strategy: null },
      { speaker: "supporter", text: `Supporter reply ${label} ${index}`, strategy: "Question" },
    ];
    lines.push({ ...base, dialogueId: `esconv:test:${index}/both`, condition: "both", pairId, side: "first", sourceDialogueId: `esconv:test:${index}`, turns: turns("WITHTRAITS") });
    lines.push({ ...base, dialogueId: `esconv:test:${index}/none`, condition: "none", pairId, side: "second", sourceDialogueId: `esconv:test:${index}`, turns: turns("NOTRAITS") });
    JUDGE_CRITERIA.forEach((criterion, position) => judgements.push({ pairId, criterion, outcome: (["win", "tie", "loss"] as const)[(index + position) % 3], judge: "sim:sim-test" }));
  }
  lines.push({ ...base, dialogueId: "esconv:test:x/hexaco", condition: "hexaco", pairId: null, side: null, sourceDialogueId: "esconv:test:x", turns: [{ speaker: "seeker", text: "hi", strategy: null }] });
  lines.push({ ...base, dialogueId: "esconv:test:f/both", condition: "both", pairId: "pair:failed", side: "first", sourceDialogueId: "esconv:test:f", turns: [{ speaker: "seeker", text: "hi", strategy: null }] });
  lines.push({ ...base, status: "failed", dialogueId: "esconv:test:f/none", condition: "none", pairId: "pair:failed", side: "second", sourceDialogueId: "esconv:test:f", turns: [] });
  writeFileSync(join(directory, "dialogues.jsonl"), toJsonLines(lines));
  writeFileSync(join(directory, "judgements.jsonl"), toJsonLines(judgements));
  return directory;
}
