import { escapeHtml } from "../text";
import { ANNOTATION_CRITERIA, type Answer } from "./criteria";
import type { ItemKind } from "./protocol-plan";

// Server-rendered HTML of the annotation page. Every text that comes from data (dialogue turns, annotator
// names, protocol texts) goes through escapeHtml; conditions, dialogue ids, pair ids and whether a pair is an
// attention check are never written into the page. Script and style come from /app.js and /app.css.

function layout(title: string, body: string, requestToken?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${requestToken ? `<meta name="request-token" content="${escapeHtml(requestToken)}">\n` : ""}<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
}

const header = (title: string) => `<header><h1>${escapeHtml(title)}</h1></header>`;

/** `/`: exchanges the private link's token (in the URL fragment) for a session cookie, then opens the study. */
export function startPage(title: string): string {
  return layout(
    title,
    `${header(title)}
<main id="start"><p id="status">Opening your private link...</p>
<p>If nothing happens, open the private link the researcher sent you (it ends with <code>#</code> and a long code).
If you have used your link in this browser before, <a href="/annotate">continue here</a>.</p></main>`,
  );
}

/** 403: no link, a wrong one, or a revoked one. */
export function forbiddenPage(title: string, message: string): string {
  return layout(title, `${header(title)}\n<main><h2 id="forbidden">${escapeHtml(message)}</h2><p>Please open the private link the researcher sent you.</p></main>`);
}

function keyHelp(): string {
  return `<kbd>1</kbd> left better, <kbd>2</kbd> tie, <kbd>3</kbd> right better, <kbd>0</kbd> clear the answer (for the highlighted criterion);
<kbd>Tab</kbd>/<kbd>Shift</kbd>+<kbd>Tab</kbd> move between criteria; <kbd>p</kbd>/<kbd>n</kbd> previous/next pair. Arrow keys only scroll.`;
}

export interface InstructionsView {
  title: string;
  annotator: string;
  instructions: readonly string[];
  criteria: Readonly<Record<string, string>>;
  consent: readonly string[];
  practice: number;
  pairs: number;
  requestToken: string;
}

/** Before the first pair: the instructions, the criteria with their definitions, and the consent to accept. */
export function instructionsPage(view: InstructionsView): string {
  const paragraphs = (texts: readonly string[]) => texts.map((text) => `<p>${escapeHtml(text)}</p>`).join("\n");
  const criteria = ANNOTATION_CRITERIA.map((criterion) => `<li><b>${escapeHtml(criterion)}</b>: ${escapeHtml(view.criteria[criterion] ?? "")}</li>`).join("\n");
  return layout(
    view.title,
    `${header(view.title)}
<main><section class="instructions" id="instructions">
<p>Welcome, <b>${escapeHtml(view.annotator)}</b>. You will compare ${view.pairs} pairs of dialogues${view.practice ? `, after ${view.practice} practice pair${view.practice === 1 ? "" : "s"} that do not count` : ""}.</p>
${paragraphs(view.instructions)}
<h2>The criteria</h2>
<ul>${criteria}</ul>
<p class="help">Keys: ${keyHelp()} Buttons work too.</p>
<div class="consent"><h2>Consent</h2>
${paragraphs(view.consent)}
<p><label><input type="checkbox" id="consent"> I have read this and agree to take part.</label></p>
<p><button type="button" id="accept">Start</button> <span id="status"></span></p></div>
</section></main>`,
    view.requestToken,
  );
}

export interface PairView {
  title: string;
  annotator: string;
  /** 0-based place of this item in the annotator's whole order (practice first). */
  position: number;
  kind: ItemKind;
  /** 1-based number within its phase (practice, or the counted pairs with their checks). */
  number: number;
  /** Items in this phase. */
  of: number;
  /** Items in the whole order. */
  items: number;
  left: readonly { speaker: string; text: string }[];
  right: readonly { speaker: string; text: string }[];
  criteria: Readonly<Record<string, string>>;
  /** Answers already given for this pair, by criterion. */
  answers: Partial<Record<string, Answer>>;
  saved: number;
  total: number;
  pairsDone: number;
  requestToken: string;
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

function annotateUrl(position?: number): string {
  return position === undefined ? "/annotate" : `/annotate?pair=${position + 1}`;
}

/** One pair: both dialogues side by side, the five criteria with their definitions, answers, progress. */
export function pairPage(view: PairView): string {
  const buttons = (criterion: string) =>
    (
      [
        ["left", "Left better", "1"],
        ["tie", "Tie", "2"],
        ["right", "Right better", "3"],
      ] as const
    )
      .map(([answer, label, key]) => {
        const chosen = view.answers[criterion] === answer;
        return `<button type="button" data-answer="${answer}" class="${chosen ? "chosen" : ""}" aria-pressed="${chosen}" aria-keyshortcuts="${key}"><kbd>${key}</kbd> ${escapeHtml(label)}</button>`;
      })
      .join("") + `<button type="button" class="clear" data-answer="" aria-keyshortcuts="0"><kbd>0</kbd> Clear</button>`;
  const criteria = ANNOTATION_CRITERIA.map(
    (criterion) =>
      `<div class="criterion" data-criterion="${escapeHtml(criterion)}" data-answer="${escapeHtml(view.answers[criterion] ?? "")}">` +
      `<span class="name">${escapeHtml(criterion)}</span><span class="definition">${escapeHtml(view.criteria[criterion] ?? "")}</span><span>${buttons(criterion)}</span></div>`,
  ).join("\n");
  const previous = view.position > 0 ? `<a id="previous" href="${escapeHtml(annotateUrl(view.position - 1))}">← previous pair (p)</a>` : `<span></span>`;
  const next =
    view.position + 1 < view.items ? `<a id="next" href="${escapeHtml(annotateUrl(view.position + 1))}">next pair (n) →</a>` : `<a id="next" href="${escapeHtml(annotateUrl())}">first open pair (n) →</a>`;
  const phase = view.kind === "practice" ? "Practice pair" : "Pair";
  const banner =
    view.kind === "practice" ? `<p class="practice-banner" id="practice">Practice pair ${view.number} of ${view.of}: this one does not count. Use it to get used to the page and the keys.</p>\n` : "";
  const body = `<header><h1>${escapeHtml(view.title)}</h1>
<div class="progress">Annotator <b>${escapeHtml(view.annotator)}</b> · ${phase} <b id="pair-number">${view.number}</b> of ${view.of} ·
<progress max="${view.total}" value="${view.saved}"></progress> <span id="saved-count">${view.saved}</span> of ${view.total} answers saved · ${view.pairsDone} pairs complete</div></header>
<main id="annotate" data-position="${view.position}" data-kind="${view.kind === "practice" ? "practice" : "pair"}" data-next="${escapeHtml(annotateUrl())}">
${banner}<div class="dialogues">
${dialogueHtml("Left dialogue", view.left)}
${dialogueHtml("Right dialogue", view.right)}
</div>
<div class="criteria">
${criteria}
</div>
<p class="help">Keys: ${keyHelp()} <span id="status"></span></p>
<nav>${previous}${next}</nav>
</main>`;
  return layout(`${phase} ${view.number} of ${view.of}`, body, view.requestToken);
}

/** Shown when every pair has all five answers; with the completion code when the protocol has one. */
export function donePage(options: { title: string; annotator: string; pairs: number; saved: number; completionCode: string | null }): string {
  const code = options.completionCode
    ? `<p>Your completion code: <code id="completion-code">${escapeHtml(options.completionCode)}</code> (copy it into the platform you came from).</p>`
    : "";
  return layout(
    "Thank you",
    `${header(options.title)}
<main><h2 id="done">All ${options.pairs} pairs are done. Thank you, ${escapeHtml(options.annotator)}!</h2>
${code}
<p>${options.saved} answers saved. You can still change an answer: <a href="${escapeHtml(annotateUrl(0))}">go back to the first pair</a>.</p></main>`,
  );
}
