import type { AgeGroup } from "../data/types";
import type { DemographicCues } from "./persona-cues";

/**
 * What an extracting model infers beyond what the text states (SIM_VERSION 4), so that simulated persona cards hold
 * an occupation and an age about as often as the paper's (Table 1: 926 of 1,155 ESConv cards with an occupation,
 * 901 with an age). Only fields still "unknown" after the explicit cues (detectSelfDescribedDemographics) are
 * filled, each from the seeker's own words, in this order:
 *   occupation: job loss ("lost my job", "laid off", "got fired", "out of work", "looking for a job") -> unemployed;
 *               high-school words -> high school student; college words ("my professor", "semester", "dorm",
 *               "campus", "college", "university") -> college student; school words ("my exams", "my classes",
 *               "homework", "my teacher", "at school") -> student; work words ("my boss", "my job", "at work",
 *               "my coworkers", "my manager", "my shift", "my company") -> employee
 *   age:        a high school student -> teenage; a college student or "my parents"/"my roommate"/"my boyfriend"/
 *               "my girlfriend" -> young; "my husband"/"my wife"/"my kids"/"my children"/"my son"/"my daughter"/
 *               "my mortgage" -> middle-aged
 * Crude on purpose (the simulator is not a model of anything real); the rules are what the recovery of Table 1's
 * shares rests on (test/sim/inferred-demographics.test.ts).
 */
export function inferDemographics(text: string, cues: DemographicCues): DemographicCues {
  const inferred = { ...cues };
  if (inferred.occupation === "unknown") inferred.occupation = inferredOccupation(text);
  if (inferred.age === "unknown") inferred.age = inferredAge(text, inferred.occupation);
  return inferred;
}

const JOB_LOSS = /\b(lost my job|lost our jobs|laid off|got fired|been fired|was fired|out of work|looking for (?:a )?(?:new )?(?:job|work)|job hunting|job search|unemployed)\b/i;
const HIGH_SCHOOL = /\b(high ?school|middle school|my (?:math|english|history|science) teacher)\b/i;
const COLLEGE = /\b(college|university|uni|my professors?|semester|my major|dorm|campus|my thesis|my dissertation|grad school|freshman|sophomore)\b/i;
const SCHOOL = /\b(my (?:exams?|finals|midterms|classes|class|grades|gpa|teachers?|homework|studies|school|coursework)|homework|at school|to school|in school|studying for)\b/i;
const WORK = /\b(my (?:boss|job|manager|supervisor|co-?workers?|colleagues?|shifts?|workplace|company|employer|office|work)|at work|to work|from work|at my job|the office|promotion|my career)\b/i;

function inferredOccupation(text: string): string {
  if (JOB_LOSS.test(text)) return "unemployed";
  if (HIGH_SCHOOL.test(text)) return "high school student";
  if (COLLEGE.test(text)) return "college student";
  if (SCHOOL.test(text)) return "student";
  if (WORK.test(text)) return "employee";
  return "unknown";
}

function inferredAge(text: string, occupation: string): AgeGroup {
  if (occupation === "high school student") return "teenage";
  if (occupation === "college student") return "young";
  if (/\bmy (husband|wife|kids|children|son|daughter|mortgage|teenagers?)\b/i.test(text)) return "middle-aged";
  if (/\bmy (parents|roommates?|boyfriend|girlfriend|bf|gf)\b/i.test(text)) return "young";
  return "unknown";
}
