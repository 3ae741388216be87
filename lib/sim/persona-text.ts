import { createHash } from "node:crypto";
import { NO_PERSONA_DESCRIPTION } from "../prompts/no-persona-description";
import { loadTraitDescriptions } from "../prompts/trait-descriptions";
import type { SimCondition } from "./sim-conditions";

/**
 * Who a persona is, read from the persona text in the prompt (the simulator has no other channel). The identity
 * is a hash of the description with the trait sentences the simulator itself writes (describe-traits,
 * expand-persona) taken out, so the card description (describe-traits) and the description plus trait sentences
 * (answer-statement) name the same person; case, white space, quote marks and first/third person
 * ("the person is" / "I am") do not count.
 *
 * A card the simulator re-extracts from a dialogue it wrote says, visibly, how the seeker introduced themselves
 * (DERIVED_MARK + the dialogue's opening). That opening is the origin's description in the first person, so the
 * re-extracted persona is linked to its origin by content; an opening that is NO_PERSONA_DESCRIPTION marks a
 * persona from a dialogue generated without one.
 */

/** Who a simulated persona is: its own key and, for a re-extracted persona, its origin's key and the condition. */
export interface SimPersonaIdentity {
  /** Hash of the persona's own text. */
  key: string;
  /** The origin's key (a persona re-extracted from a dialogue generated for the origin). */
  origin?: string;
  /** "persona" or "no-persona" for a re-extracted persona. */
  condition?: SimCondition;
}

/** What the simulator writes into a card re-extracted from a dialogue it wrote, before the seeker's opening. */
export const DERIVED_MARK = "They introduced themselves like this:";

/** What the simulator's seeker says first in a dialogue it writes for a description. */
export function openingLine(description: string): string {
  return `Hi. ${firstPerson(description).trim()}`;
}

/** "The person is a 23-year-old nurse" -> "I am a 23-year-old nurse" (crude, for the seeker's opening turn). */
export function firstPerson(description: string): string {
  return description
    .replace(/\bThe person's\b/g, "My")
    .replace(/\bthe person's\b/g, "my")
    .replace(/\b[Tt]he person is\b/g, "I am")
    .replace(/\b[Tt]he person has\b/g, "I have")
    .replace(/\bThe person\b/g, "I")
    .replace(/\bthe person\b/g, "me")
    .replace(/\b(She|He) can be described as\b/g, "I am")
    .replace(/\b(She|He|They) (is|are)\b/g, "I am")
    .replace(/\b(her|his|their)\b/g, "my");
}

/** Text as a key sees it: Unicode-normalized, lower case, one kind of quote, single spaces, no end punctuation. */
export function normalizedText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u201c\u201d\u2018\u2019"]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s.!?]+$/, "");
}

/**
 * Person-referring phrases mapped to one token each, so a description and its first-person form (firstPerson, the
 * opening of a dialogue the simulator wrote) give the same key. Longest first; applied to normalizedText.
 */
const PERSON_FORMS: Array<[RegExp, string]> = [
  [/\b(?:she|he) can be described as\b/g, "<be>"],
  [/\b(?:the person|she|he|they) (?:is|are)\b/g, "<be>"],
  [/\bi am\b/g, "<be>"],
  [/\b(?:the person has|i have)\b/g, "<have>"],
  [/\b(?:the person's|my|her|his|their)\b/g, "<own>"],
  [/\b(?:the person|i|me)\b/g, "<self>"],
];

function hashKey(text: string): string {
  let neutral = normalizedText(text);
  for (const [pattern, token] of PERSON_FORMS) neutral = neutral.replace(pattern, token);
  return "text:" + createHash("sha256").update(neutral).digest("hex").slice(0, 16);
}

let ownSentences: string[] | undefined;

/** Every trait sentence the simulator writes (traitSentence), longest first. */
function simTraitSentences(): string[] {
  if (ownSentences) return ownSentences;
  const sentences = new Set<string>();
  for (const inventory of loadTraitDescriptions()) {
    for (const dimension of inventory.dimensions) {
      for (const value of [1, -1, 0]) sentences.add(traitSentence(dimension, value));
    }
  }
  ownSentences = [...sentences].sort((a, b) => b.length - a.length);
  return ownSentences;
}

/** The simulator's sentence for a latent value on a dimension (describe-traits, expand-persona). */
export function traitSentence(dimension: { high: string; low: string }, value: number): string {
  return value > 0.5 ? `The person ${dimension.high}.` : value < -0.5 ? `The person ${dimension.low}.` : `The person sometimes ${dimension.high}, but not consistently.`;
}

/** The description without the trait sentences the simulator wrote. */
export function withoutSimTraitSentences(text: string): string {
  let result = text;
  for (const sentence of simTraitSentences()) if (result.includes(sentence)) result = result.split(sentence).join(" ");
  return result.replace(/\s+/g, " ").trim();
}

const NO_PERSONA_OPENING = hashKey(NO_PERSONA_DESCRIPTION);
const identities = new Map<string, SimPersonaIdentity>();

/** The identity of the persona a description (as it appears in a prompt) describes. */
export function personaFromDescription(description: string): SimPersonaIdentity {
  const known = identities.get(description);
  if (known) return known;
  const own = withoutSimTraitSentences(description);
  const identity: SimPersonaIdentity = { key: hashKey(own) };
  const markAt = own.indexOf(DERIVED_MARK);
  if (markAt >= 0) {
    const opening = own.slice(markAt + DERIVED_MARK.length).match(/^\s*"([^"]*)"/)?.[1];
    if (opening !== undefined) {
      identity.origin = hashKey(opening);
      identity.condition = identity.origin === NO_PERSONA_OPENING ? "no-persona" : "persona";
    }
  }
  if (identities.size > 20000) identities.clear();
  identities.set(description, identity);
  return identity;
}

/** The opening of a dialogue the simulator wrote ("Hi. I am ..."), without "Hi. ", or undefined. */
export function simOpening(firstSeekerTurn: string | undefined): string | undefined {
  const match = firstSeekerTurn?.trim().match(/^Hi\. (.+)$/s);
  return match ? match[1] : undefined;
}
