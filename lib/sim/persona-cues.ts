import type { AgeGroup, Gender } from "../data/types";
import { ageFromYears } from "../data/normalize-demographics";

/**
 * Explicit demographic cues in a seeker's own words. Only what the text states is used; anything else stays
 * "unknown". These rules are crude on purpose (the simulator is not a model of anything real).
 *   age:        "I'm 23", "I am 23 years old", "23 year old", "(23F)", "23M"; "high school" / "teenager" -> teenage;
 *               "in college" / "university" / "grad school" -> young; "retired" / "my grandchildren" -> old
 *   gender:     "(23F)", "I'm a woman/girl/mom/wife", "as a mother"; "my husband" / "my boyfriend" -> female,
 *               "my wife" / "my girlfriend" -> male (a heuristic of the kind an LLM applies, not a fact)
 *   occupation: "I'm a nurse", "I work as a teacher", "as a nurse", "my job as a cashier", "I'm a student";
 *               "I'm a senior in high school" / "I'm in college" -> student; "I work at a hospital" -> hospital worker
 */
export interface DemographicCues {
  age: AgeGroup;
  /** The exact age in years when the text gives it. */
  years?: number;
  gender: Gender;
  occupation: string;
}

const OCCUPATIONS = [
  "nurse", "teacher", "student", "college student", "graduate student", "high school student", "engineer", "software engineer",
  "developer", "programmer", "doctor", "physician", "lawyer", "accountant", "cashier", "manager", "designer", "writer", "artist",
  "musician", "chef", "cook", "driver", "truck driver", "mechanic", "electrician", "soldier", "police officer", "firefighter",
  "pharmacist", "therapist", "social worker", "waiter", "waitress", "server", "bartender", "salesperson", "sales associate",
  "retail worker", "freelancer", "consultant", "scientist", "researcher", "professor", "librarian", "farmer", "carpenter",
  "plumber", "athlete", "coach", "receptionist", "secretary", "caregiver", "paramedic", "dentist", "veterinarian", "barista",
  "janitor", "cleaner", "housekeeper", "stay-at-home mom", "stay at home mom", "stay-at-home dad", "homemaker", "intern",
  "tutor", "photographer", "journalist", "editor", "translator", "pilot", "flight attendant", "security guard", "warehouse worker",
  "factory worker", "construction worker", "real estate agent", "banker", "analyst", "entrepreneur", "business owner", "teaching assistant",
];
const OCCUPATION_PATTERN = OCCUPATIONS.slice()
  .sort((a, b) => b.length - a.length)
  .map((occupation) => occupation.replace(/[-\s]/g, "[-\\s]"))
  .join("|");

const WORKPLACES = ["restaurant", "hospital", "school", "store", "shop", "factory", "warehouse", "bank", "office", "call center", "daycare", "hotel", "bar", "cafe", "gym", "pharmacy", "supermarket", "grocery store", "fast food place", "nursing home", "law firm", "startup"];

const NOT_AGE_UNITS = /^\s*(%|percent|dollars?|bucks|minutes?|hours?|days?|weeks?|months?|times|k\b|grand|hrs?|mins?|lbs?|pounds|kg|miles|km|people|of\b|or\b|to\b|-\s*\d)/i;

export function detectSelfDescribedDemographics(text: string): DemographicCues {
  const cues: DemographicCues = { age: "unknown", gender: "unknown", occupation: "unknown" };
  const years = (value: string, rest: string) => {
    const number = Number(value);
    if (cues.years === undefined && number >= 13 && number <= 99 && !NOT_AGE_UNITS.test(rest)) cues.years = number;
  };
  for (const match of text.matchAll(/\b(?:i'?m|i am|im)\s+(?:a\s+|only\s+|just\s+|now\s+)?(\d{2})\b(.{0,12})/gi)) years(match[1], match[2].replace(/^[\s-]*(years?|yrs?|yo)\b.*/i, ""));
  for (const match of text.matchAll(/(?:^|[.!?\n]\s*)(\d{2})[\s-]*(?:years?|yrs?)[\s-]*old\b/gi)) years(match[1], "");
  const bracketed = text.match(/[([]\s*(\d{2})\s*([mfMF])\s*[)\]]|\b(\d{2})([mfMF])\b/);
  if (bracketed) {
    years(bracketed[1] ?? bracketed[3], "");
    cues.gender = /f/i.test(bracketed[2] ?? bracketed[4]) ? "female" : "male";
  }
  if (cues.years !== undefined) cues.age = ageFromYears(cues.years);
  else if (/\b(high school|highschool|teenager|i'?m a teen|my parents won'?t let me|middle school)\b/i.test(text)) cues.age = "teenage";
  else if (/\b(in college|at college|my college|university|grad school|graduate school|freshman|sophomore|my twenties|my 20s)\b/i.test(text)) cues.age = "young";
  else if (/\b(my forties|my fifties|my 40s|my 50s)\b/i.test(text)) cues.age = "middle-aged";
  else if (/\b(i'?m retired|i am retired|my retirement|my grandchildren|my grandkids|my grandson|my granddaughter)\b/i.test(text)) cues.age = "old";

  if (cues.gender === "unknown") {
    if (/\b(?:i'?m|i am|im|as)\s+(?:a|an)\s+(?:[\w-]+\s+)?(woman|girl|lady|mother|mom|mum|wife|female|single mom)\b/i.test(text)) cues.gender = "female";
    else if (/\b(?:i'?m|i am|im|as)\s+(?:a|an)\s+(?:[\w-]+\s+)?(man|guy|boy|father|dad|husband|male|single dad)\b/i.test(text)) cues.gender = "male";
    else if (/\bmy\s+(husband|boyfriend|hubby)\b/i.test(text)) cues.gender = "female";
    else if (/\bmy\s+(wife|girlfriend)\b/i.test(text)) cues.gender = "male";
  }

  const occupation = new RegExp(
    `\\b(?:i'?m|i am|im|work(?:ing)? as|job as|career as|as)\\s+(?:a|an)\\s+(?:(?:full|part)[-\\s]time\\s+|new\\s+|senior\\s+|junior\\s+)?(${OCCUPATION_PATTERN})\\b`,
    "i",
  ).exec(text);
  const place = new RegExp(`\\bi\\s+work\\s+(?:at|in)\\s+(?:a|an|the)\\s+(${WORKPLACES.join("|")})\\b`, "i").exec(text);
  if (occupation) cues.occupation = occupation[1].toLowerCase().replace(/\s+/g, " ");
  else if (/\b(?:i'?m|i am|im)\s+(?:a\s+)?(?:(?:freshman|sophomore|junior|senior)\s+in|in|at)\s+(?:high\s*school|college|university|uni|grad(?:uate)?\s+school)\b|\b(?:i'?m|i am|im)\s+an?\s+(?:\w+\s+)?grader\b/i.test(text)) cues.occupation = "student";
  else if (place) cues.occupation = `${place[1].toLowerCase()} worker`;
  else if (/\b(?:i'?m|i am|im)\s+unemployed\b/i.test(text)) cues.occupation = "unemployed";
  if (cues.age === "unknown" && /\b(?:i'?m|i am|im)\s+(?:a\s+)?(?:(?:freshman|sophomore|junior|senior)\s+in\s+high\s*school|\w+\s+grader)\b/i.test(text)) cues.age = "teenage";
  return cues;
}

/**
 * Whether a card's text gives any demographic or social background: age ("23-year-old", "young", "retired"),
 * gender words, an occupation, or a social setting (work, school, family roles) anywhere in the text.
 */
export function hasDemographicCue(text: string): boolean {
  return (
    /\b\d{2}[-\s]year[-\s]old\b/i.test(text) ||
    /\b(teenage|teenaged|teenager|young|middle-aged|elderly|older|retired)\b/i.test(text) ||
    /\b(man|woman|male|female|girl|boy|mother|father|wife|husband)\b/i.test(text) ||
    new RegExp(`\\b(${OCCUPATION_PATTERN})\\b`, "i").test(text) ||
    /\b(job|jobs|work|working|boss|coworkers?|co-workers?|colleagues?|company|school|class|classes|college|university|teacher|husband|wife|boyfriend|girlfriend|partner|kids|children|son|daughter|mom|mother|dad|father|parents|family|roommate)\b/i.test(text)
  );
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function sentences(text: string): string[] {
  return (text.replace(/\s+/g, " ").match(/[^.!?]+[.!?]*/g) ?? []).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 1);
}
