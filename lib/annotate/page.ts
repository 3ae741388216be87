import { escapeHtml } from "../text";
import { ANNOTATION_CRITERIA, CRITERION_DEFINITIONS, type Answer } from "./criteria";
import { PAGE_SCRIPT, START_SCRIPT } from "./page-script";

// Server-rendered HTML of the annotation page. Every text that comes from data (dialogue turns, annotator
// names) goes through escapeHtml; the conditions and dialogue ids are never written into the page.

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
header { display: flex; justify-content: space-between; align-items: center; padding: 10px 20px; background: #fff; border-bottom: 1px solid #dde1e7; }
header h1 { font-size: 17px; margin: 0; }
main { padding: 12px 20px 40px; max-width: 1400px; margin: 0 auto; }
.progress { font-size: 14px; }
progress { width: 180px; vertical-align: middle; }
.dialogues { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.dialogue { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 10px 14px; max-height: 52vh; overflow-y: auto; }
.dialogue h2 { font-size: 15px; margin: 4px 0 8px; position: sticky; top: -10px; background: #fff; padding: 4px 0; }
.turn { margin: 6px 0; line-height: 1.4; font-size: 14px; }
.turn .speaker { font-weight: 600; margin-right: 6px; }
.turn.supporter .speaker { color: #1f5fa8; }
.turn.seeker .speaker { color: #8a4b0f; }
.criteria { margin-top: 14px; background: #fff; border: 1px solid #dde1e7; border-radius: 6px; }
.criterion { display: grid; grid-template-columns: 150px 1fr auto; gap: 12px; align-items: center; padding: 8px 14px; border-top: 1px solid #eef0f3; cursor: pointer; }
.criterion:first-child { border-top: none; }
.criterion.active { background: #fff7d6; outline: 2px solid #e0b000; }
.criterion .name { font-weight: 600; }
.criterion .definition { font-size: 13px; color: #4a5263; }
.criterion button { font-size: 13px; padding: 5px 10px; margin-left: 4px; border: 1px solid #b8bfcc; background: #fff; border-radius: 4px; cursor: pointer; }
.criterion button.chosen { background: #1f5fa8; border-color: #1f5fa8; color: #fff; }
.help { font-size: 13px; color: #4a5263; margin: 10px 0; }
kbd { border: 1px solid #b8bfcc; border-radius: 3px; padding: 0 4px; font-size: 12px; background: #fff; }
nav { display: flex; gap: 16px; margin-top: 10px; font-size: 14px; }
#status { font-size: 13px; color: #2b6b2b; }
#status.error { color: #b00020; font-weight: 600; }
form.start { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 20px; max-width: 640px; }
form.start input { font-size: 16px; padding: 6px; width: 260px; }
form.start button { font-size: 16px; padding: 6px 14px; }
`;

function layout(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script>${script}</script>
</body>
</html>
`;
}

function criteriaList(): string {
  return ANNOTATION_CRITERIA.map((criterion) => `<li><b>${escapeHtml(criterion)}</b>: ${escapeHtml(CRITERION_DEFINITIONS[criterion])}</li>`).join("\n");
}

/** The first page: what the task is, and a field for the annotator's name. */
export function startPage(options: { pairs: number; error?: string }): string {
  const error = options.error ? `<p id="status" class="error">${escapeHtml(options.error)}</p>` : "";
  return layout(
    "Dialogue comparison",
    `<header><h1>Dialogue comparison</h1></header>
<main>
<form class="start" id="start" method="get" action="/annotate">
<p>You will read ${options.pairs} pairs of emotional-support conversations between a <b>seeker</b> and a <b>supporter</b>.
For each pair, say which supporter did better on each of five criteria, or that they are tied:</p>
<ul>${criteriaList()}</ul>
<p>Every answer is saved as soon as you give it; you can close the page and come back later with the same name to
continue where you stopped.</p>
${error}
<label for="name">Your name</label><br>
<input id="name" name="name" autocomplete="off" maxlength="80" required>
<button type="submit">Start</button>
</form>
</main>`,
    START_SCRIPT,
  );
}

export interface PairView {
  annotator: string;
  /** 0-based place of this pair in the annotator's order. */
  position: number;
  pairs: number;
  left: { speaker: string; text: string }[];
  right: { speaker: string; text: string }[];
  /** Answers already given for this pair, by criterion. */
  answers: Partial<Record<string, Answer>>;
  saved: number;
  total: number;
  pairsDone: number;
}

function dialogueHtml(label: string, turns: readonly { speaker: string; text: string }[]): string {
  const items = turns
    .map((turn) => {
      const speaker = turn.speaker.toLowerCase() === "supporter" ? "supporter" : turn.speaker.toLowerCase() === "seeker" ? "seeker" : "other";
      const name = speaker === "other" ? turn.speaker : speaker === "supporter" ? "Supporter" : "Seeker";
      return `<p class="turn ${speaker}"><span class="speaker">${escapeHtml(name)}:</span>${escapeHtml(turn.text)}</p>`;
    })
    .join("\n");
  return `<section class="dialogue"><h2>${escapeHtml(label)}</h2>\n${items}</section>`;
}

function annotateUrl(annotator: string, position?: number): string {
  const query = new URLSearchParams({ name: annotator });
  if (position !== undefined) query.set("pair", String(position + 1));
  return `/annotate?${query.toString()}`;
}

/** One pair: both dialogues side by side, the five criteria with their definitions, answers, progress. */
export function pairPage(view: PairView): string {
  const buttons = (criterion: string) =>
    (
      [
        ["left", "Left better", "1 / ←"],
        ["tie", "Tie", "2 / ↓"],
        ["right", "Right better", "3 / →"],
      ] as const
    )
      .map(([answer, label, keys]) => {
        const chosen = view.answers[criterion] === answer;
        return `<button type="button" data-answer="${answer}" class="${chosen ? "chosen" : ""}" aria-pressed="${chosen}" title="${escapeHtml(keys)}">${escapeHtml(label)}</button>`;
      })
      .join("");
  const criteria = ANNOTATION_CRITERIA.map(
    (criterion) =>
      `<div class="criterion" data-criterion="${escapeHtml(criterion)}" data-answer="${escapeHtml(view.answers[criterion] ?? "")}">` +
      `<span class="name">${escapeHtml(criterion)}</span><span class="definition">${escapeHtml(CRITERION_DEFINITIONS[criterion])}</span><span>${buttons(criterion)}</span></div>`,
  ).join("\n");
  const previous = view.position > 0 ? `<a id="previous" href="${escapeHtml(annotateUrl(view.annotator, view.position - 1))}">← previous pair (p)</a>` : `<span></span>`;
  const next = view.position + 1 < view.pairs ? `<a id="next" href="${escapeHtml(annotateUrl(view.annotator, view.position + 1))}">next pair (n) →</a>` : `<a id="next" href="${escapeHtml(annotateUrl(view.annotator))}">first open pair (n) →</a>`;
  const body = `<header><h1>Dialogue comparison</h1>
<div class="progress">Annotator <b>${escapeHtml(view.annotator)}</b> · pair <b id="pair-number">${view.position + 1}</b> of ${view.pairs} ·
<progress max="${view.total}" value="${view.saved}"></progress> <span id="saved-count">${view.saved}</span> of ${view.total} answers saved · ${view.pairsDone} pairs complete</div></header>
<main id="annotate" data-annotator="${escapeHtml(view.annotator)}" data-position="${view.position}" data-next="${escapeHtml(annotateUrl(view.annotator))}">
<div class="dialogues">
${dialogueHtml("Left dialogue", view.left)}
${dialogueHtml("Right dialogue", view.right)}
</div>
<div class="criteria">
${criteria}
</div>
<p class="help">Keys: <kbd>1</kbd> or <kbd>←</kbd> left better, <kbd>2</kbd> or <kbd>↓</kbd> tie, <kbd>3</kbd> or <kbd>→</kbd> right better (for the highlighted criterion);
<kbd>Tab</kbd>/<kbd>↑</kbd> move between criteria; <kbd>p</kbd>/<kbd>n</kbd> previous/next pair. <span id="status"></span></p>
<nav>${previous}${next}</nav>
</main>`;
  return layout(`Pair ${view.position + 1} of ${view.pairs}`, body, PAGE_SCRIPT);
}

/** Shown when every pair has all five answers. */
export function donePage(options: { annotator: string; pairs: number; saved: number }): string {
  return layout(
    "Thank you",
    `<header><h1>Dialogue comparison</h1></header>
<main><h2 id="done">All ${options.pairs} pairs are done. Thank you, ${escapeHtml(options.annotator)}!</h2>
<p>${options.saved} answers saved. You can still change an answer: <a href="${escapeHtml(annotateUrl(options.annotator, 0))}">go back to the first pair</a>.</p></main>`,
    "",
  );
}
