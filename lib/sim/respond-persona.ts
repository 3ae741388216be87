import { parseDialogueTurns } from "../prompts/parse-dialogue";
import { loadTraitDescriptions, traitDescriptionsFor } from "../prompts/trait-descriptions";
import type { AgeGroup, Gender } from "../data/types";
import { domainValue } from "./latent-traits";
import { keyedRandom } from "../random";
import { detectSelfDescribedDemographics, hasDemographicCue, sentences, wordCount, type DemographicCues } from "./persona-cues";
import { inferDemographics } from "./inferred-demographics";
import { personaOf } from "./respond-inventory";
import { noiseKey, variableText, type SimAnswer, type SimCall } from "./sim-call";
import { DERIVED_MARK, personaFromDescription, simOpening, traitSentence, type SimPersonaIdentity } from "./persona-text";

const GREETING = /^(hi|hello|hey|thanks|thank you|good (morning|afternoon|evening|night)|bye|ok|okay|yes|no|yeah|sure|you too)\b/i;
const PROBLEM =
  /\b(feel|feeling|felt|anxious|anxiety|depress\w*|sad|stress\w*|worr\w*|lonely|alone|lost|break ?up|broke up|divorc\w*|fired|laid off|angry|hurt|scared|afraid|struggl\w*|cope|coping|overwhelm\w*|panic|cry|crying|hopeless|exhausted|tired|pandemic|covid|fight|argu\w*|cheat\w*|grief|died|death|suicid\w*|hate|upset|frustrat\w*|can'?t|cannot)\b/i;

/** The role's own words: its turns when the source is a dialogue (transcript or JSON), else the whole text. */
function ownWords(source: string, role: string): string {
  const dialogue = parseDialogueTurns(source);
  if (dialogue.ok) {
    const speaker = role.toLowerCase().startsWith("supp") ? "supporter" : "seeker";
    // ESConv turns often lack end punctuation; a turn boundary ends a sentence.
    const turns = dialogue.value.turns.filter((turn) => turn.speaker === speaker).map((turn) => turn.text.trim().replace(/([^.!?])$/, "$1."));
    if (turns.length) return turns.join(" ");
  }
  return source;
}

/** At most `limit` words, cut at a word boundary. */
function clip(text: string, limit: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= limit ? text : `${words.slice(0, limit).join(" ")} ...`;
}

const AGE_WORDS: Record<AgeGroup, string> = { teenage: "teenage", young: "young", "middle-aged": "middle-aged", old: "older", unknown: "" };

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

export function introduction(cues: { age: AgeGroup; years?: number; gender: Gender; occupation: string }): string {
  if (cues.age === "unknown" && cues.gender === "unknown" && cues.occupation === "unknown") {
    return "The person does not say who they are beyond their situation.";
  }
  const agePart = cues.years !== undefined ? `${cues.years}-year-old` : AGE_WORDS[cues.age];
  const noun = cues.gender === "female" ? "woman" : cues.gender === "male" ? "man" : "person";
  const head = [agePart, noun].filter(Boolean).join(" ");
  if (head === "person") return `The person works as ${article(cues.occupation)} ${cues.occupation}.`.replace("works as an unemployed", "is currently unemployed");
  const work = cues.occupation === "unknown" ? "" : cues.occupation === "unemployed" ? " who is currently unemployed" : ` who works as ${article(cues.occupation)} ${cues.occupation}`;
  return `The person is ${article(head)} ${head}${work}.`;
}

function quote(parts: string[]): string {
  return clip(parts.join(" ").replace(/"/g, "'"), 50);
}

/** A card built from the source text itself: stated and inferred cues for age/gender/occupation, sentences for description and problem. */
export function cardFromText(source: string, role: string): { cues: DemographicCues; card: Record<string, string> } {
  const words = ownWords(source, role);
  // Stated cues first, then what an extracting model infers from the setting (SIM_VERSION 4: inferred-demographics.ts).
  const cues = inferDemographics(words, detectSelfDescribedDemographics(words));
  const all = sentences(words).filter((sentence) => wordCount(sentence) >= 3 && !(GREETING.test(sentence) && wordCount(sentence) < 6));
  let problem = all.filter((sentence) => PROBLEM.test(sentence)).slice(0, 4);
  if (problem.length === 0) problem = [...all].sort((a, b) => b.length - a.length).slice(0, 2);
  const rest = all.filter((sentence) => !problem.includes(sentence));
  const context = (rest.length ? rest : all).slice(0, 3);
  const description = `${introduction(cues)}${context.length ? ` In their own words: "${quote(context)}"` : ""}`;
  const problemText = problem.length ? `The person describes the problem like this: "${quote(problem)}"` : "";
  return {
    cues,
    card: { age: cues.age, gender: cues.gender, occupation: cues.occupation, description, problem: problemText },
  };
}

/** The first turn of the role's speaker in a dialogue (transcript or JSON), if the text is a dialogue. */
function firstTurnOf(source: string, role: string): string | undefined {
  const dialogue = parseDialogueTurns(source);
  if (!dialogue.ok) return undefined;
  const speaker = role.toLowerCase().startsWith("supp") ? "supporter" : "seeker";
  return dialogue.value.turns.find((turn) => turn.speaker === speaker)?.text;
}

/**
 * extract-persona and extract-persona-from-dialogue. From a dialogue the simulator wrote (its seeker opens with
 * "Hi. " and the persona's description in the first person, openingLine), the card also says how the seeker
 * introduced themselves (DERIVED_MARK + the opening): visible text that links the re-extracted persona to the
 * persona the dialogue was written for (persona-text.ts).
 */
export function respondToExtraction(call: SimCall): SimAnswer {
  const source = variableText(call, "sourceText") ?? variableText(call, "dialogue");
  if (source === undefined) call.warnings.push("sim: the prompt does not fit its template; the card is built from the whole prompt text");
  const role = variableText(call, "role") ?? "Seeker";
  const { card } = cardFromText(source ?? call.promptText, role);
  const opening = call.promptId === "extract-persona-from-dialogue" && source !== undefined ? simOpening(firstTurnOf(source, role)) : undefined;
  if (opening !== undefined) card.description = `${card.description} ${DERIVED_MARK} "${opening.replace(/"/g, "'")}"`;
  return { text: JSON.stringify(card), malform: "json" };
}

/** filter-persona by the documented rule (SimTruth.filter). */
export function respondToFilter(call: SimCall): SimAnswer {
  const description = variableText(call, "description") ?? "";
  const problem = variableText(call, "problem") ?? "";
  const rule = call.truth.filter;
  const descriptionWords = wordCount(description);
  const problemWords = wordCount(problem);
  const cue = hasDemographicCue(`${description} ${problem}`);
  const reasons: string[] = [];
  if (descriptionWords < rule.minDescriptionWords) reasons.push(`the description has only ${descriptionWords} words`);
  if (problemWords < rule.minProblemWords) reasons.push(`the problem has only ${problemWords} words`);
  if (rule.requireDemographicCue && !cue) reasons.push("no demographic or social background (age, gender, occupation, work, school or family) is given");
  const keep = reasons.length === 0;
  const reason = keep
    ? "Both descriptions give the person's situation and emotions with a clear demographic background."
    : `Rejected because ${reasons.join(" and ")}.`;
  return { text: JSON.stringify({ keep, reason }), malform: "json" };
}

/** One sentence per domain of an inventory, from the persona's latent values (generic truth per domain). */
export function traitSentences(call: SimCall, inventory: string, persona: SimPersonaIdentity): Record<string, string> {
  const descriptions = traitDescriptionsFor(inventory);
  return Object.fromEntries(
    descriptions.dimensions.map((dimension) => [
      dimension.domain,
      traitSentence(dimension, domainValue(call.truth, call.seed, persona, descriptions.inventory, dimension.domain)),
    ]),
  );
}

/**
 * The inventory a describe-traits prompt is about: the one whose dimension descriptions (lib/prompts trait
 * descriptions) the prompt shows, else the one with most of its domain names in the text.
 */
function describedInventory(call: SimCall): string {
  const text = variableText(call, "traitDescriptions") ?? call.promptText;
  const all = loadTraitDescriptions();
  const exact = all.find((entry) => entry.dimensions.every((dimension) => text.includes(dimension.description)));
  if (exact) return exact.inventory;
  const hits = all.map((entry) => entry.dimensions.filter((dimension) => text.includes(`${dimension.domain}:`)).length);
  return all[hits.indexOf(Math.max(...hits))].inventory;
}

/** describe-traits: sentences matching the persona's latent values for the inventory the prompt describes. */
export function respondToDescribeTraits(call: SimCall): SimAnswer {
  return { text: JSON.stringify(traitSentences(call, describedInventory(call), personaOf(call))), malform: "json" };
}

function headNoun(persona: string): string {
  const cues = detectSelfDescribedDemographics(`I am ${persona.replace(/^(an?|the)\s+/i, "a ")}`);
  if (cues.occupation !== "unknown") return cues.occupation;
  const match = persona.match(/^(?:an?|the)?\s*(.+?)(?:\s+(?:who|that|with|interested|from|in|at|of|for|focused|specializing|passionate|seeking|working|dedicated|known|looking)\b|[,.;:]|$)/i);
  const words = (match?.[1] ?? "").trim().split(/\s+/);
  const noun = words[words.length - 1]?.toLowerCase().replace(/[^a-z-]/g, "");
  return noun || "professional";
}

/**
 * expand-persona: invented age and gender (SimTruth.expandedAge / expandedFemaleShare), occupation from the persona
 * sentence, trait statements from the latent traits of the card it writes (its content key), so the expanded card
 * answers inventories as its statements say.
 */
export function respondToExpansion(call: SimCall): SimAnswer {
  const persona = (variableText(call, "persona") ?? "").trim();
  const random = keyedRandom(call.seed, "expand", persona || call.promptText, ...noiseKey(call));
  const ages = Object.entries(call.truth.expandedAge) as Array<[AgeGroup, number]>;
  const age = ages[random.weighted(ages.map(([, weight]) => weight))][0];
  const gender: Gender = random.next() < call.truth.expandedFemaleShare ? "female" : "male";
  const occupation = headNoun(persona);
  const years = { teenage: 16, young: 27, "middle-aged": 45, old: 67, unknown: 30 }[age] + random.integer(4);
  const intro = introduction({ age, years, gender, occupation });
  const pronoun = gender === "female" ? "She" : "He";
  const description = `${intro} ${pronoun} can be described as ${persona.replace(/^an?\s+/i, "a ").replace(/\.$/, "")}. The person lives an ordinary life around this role, with its everyday pressures and small routines.`;
  // PersonaHub personas have no problem: the pipeline's expanded card has an empty one.
  // The card's own persona: the one its description names in every later prompt.
  const self = personaFromDescription(description);
  const answer = {
    age,
    gender,
    occupation,
    description,
    hexaco: traitSentences(call, "HEXACO-60", self),
    csi: traitSentences(call, "CSI", self),
  };
  return { text: JSON.stringify(answer), malform: "json" };
}
