import type { AgeGroup, Gender } from "./types";

const DECADES = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];

/** Age as models write it -> the paper's five groups. Numbers use: 13-19 teenage, 20-35 young, 36-59 middle-aged, 60+ old. */
export function normalizeAge(value: unknown): AgeGroup {
  if (typeof value === "number") return ageFromYears(value);
  if (typeof value !== "string") return "unknown";
  const text = value.toLowerCase().trim();
  if (!text) return "unknown";
  if (/\bmiddle[\s-]*aged?\b/.test(text)) return "middle-aged";
  if (/\b(teen|teens|teenage|teenager|adolescent|adolescence)\b/.test(text)) return "teenage";
  // "in her forties", "late twenties": a decade in words means its middle year.
  const decade = text.match(/\b(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/);
  if (decade) return ageFromYears(DECADES.indexOf(decade[1]) * 10 + 25);
  const years = text.match(/\b(\d{1,3})\s*(?:s\b|'s\b)?/);
  if (years) {
    const number = Number(years[1]);
    // "30s" means the decade.
    return ageFromYears(/\d0'?s\b/.test(text) ? number + 5 : number);
  }
  if (/\b(old|elderly|senior|older adult|retiree|aged)\b/.test(text) && !/\byoung\b/.test(text)) return "old";
  if (/\b(young|youth|young adult)\b/.test(text)) return "young";
  return "unknown";
}

export function ageFromYears(years: number): AgeGroup {
  if (!Number.isFinite(years) || years < 10 || years > 110) return "unknown";
  if (years < 20) return "teenage";
  if (years < 36) return "young";
  if (years < 60) return "middle-aged";
  return "old";
}

export function normalizeGender(value: unknown): Gender {
  if (typeof value !== "string") return "unknown";
  const text = value.toLowerCase().trim();
  if (/^(m|male|man|boy|masculine|he\/him)$/.test(text) || /\b(male|man|boy)\b/.test(text) && !/\bfemale\b|\bwoman\b/.test(text)) return "male";
  if (/^(f|female|woman|girl|feminine|she\/her)$/.test(text) || /\b(female|woman|girl)\b/.test(text)) return "female";
  return "unknown";
}

/** Occupation as given; "unknown", "not specified", "n/a" and empty become "unknown". */
export function normalizeOccupation(value: unknown): string {
  if (typeof value !== "string") return "unknown";
  const text = value.trim();
  if (!text || /^(unknown|not specified|unspecified|none|n\/a|na|not mentioned|not provided|-)\.?$/i.test(text)) return "unknown";
  return text;
}
