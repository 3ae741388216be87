import { DataError } from "../errors";
import { escapeHtml } from "../text/escape-html";
import { requireTitle } from "./figure-spec";
import { textFigureHtml } from "./text-figure";

/** The fields of a persona card a reader sees (the paper's Figure 2). */
export interface PersonaCardFields {
  age: string;
  gender: string;
  occupation: string;
  description: string;
  problem: string;
}

/** One inventory's domain scores shown on the card (Figure 22: "HEXACO scores: Honesty-Humility (4.8), ..."). */
export interface PersonaCardScores {
  inventory: string;
  scores: Array<{ domain: string; score: number | null }>;
}

export interface PersonaCardInput {
  card: PersonaCardFields;
  title: string;
  simulated: boolean;
  /** Domain scores per inventory, listed under the card (Figure 22); none for the basic card (Figure 2). */
  scores?: readonly PersonaCardScores[];
  /** The box's heading; default "Persona Card", as the paper's figures. */
  heading?: string;
}

const FIELDS = ["age", "gender", "occupation", "description", "problem"] as const;

function checkCard(card: PersonaCardFields): void {
  if (!card || typeof card !== "object") throw new DataError("a persona card is needed", { record: "personaCardHtml", field: "card" });
  for (const field of FIELDS) {
    if (typeof card[field] !== "string") throw new DataError(`the card's ${field} must be text`, { record: "personaCardHtml", field: `card.${field}` });
  }
}

function formatScore(score: number | null): string {
  return typeof score === "number" && Number.isFinite(score) ? score.toFixed(1) : "n/a";
}

/**
 * A persona card as the paper prints it (Figure 2; with scores, Figure 22): age, gender and occupation, the
 * socio-demographic description and the problem, each labelled in bold, and optionally each inventory's domain
 * scores. Returns an HTML fragment (text wraps to any width); its print layout is one ACL column (`personaCard`).
 */
export function personaCardHtml(input: PersonaCardInput): string {
  requireTitle(input.title, "personaCardHtml");
  checkCard(input.card);
  const { card } = input;
  const label = (name: string, value: string) => `<b>${escapeHtml(name)}:</b> ${escapeHtml(value)}`;
  const scores = (input.scores ?? []).map((inventory, index) => {
    if (!inventory || !Array.isArray(inventory.scores)) throw new DataError("scores need an inventory and its domain scores", { record: "personaCardHtml", field: `scores[${index}]` });
    const list = inventory.scores.map((item) => `${escapeHtml(item.domain)} (${formatScore(item.score)})`).join(", ");
    return `<p>${label(`${inventory.inventory} scores`, "")}${list}</p>`;
  });
  const body = [
    `<div class="pt-box">`,
    `<div class="pt-box-title">${escapeHtml(input.heading ?? "Persona Card")}</div>`,
    `<p>${label("Age", card.age)} &nbsp; ${label("Gender", card.gender)} &nbsp; ${label("Occupation", card.occupation)}</p>`,
    `<p>${label("Socio-demographic description", card.description)}</p>`,
    `<p>${label("Problem", card.problem)}</p>`,
    ...scores,
    `</div>`,
  ].join("\n");
  return textFigureHtml("personaCard", input.title, input.simulated, body);
}
