import type { InventoryScale } from "./inventory-schema";

/** An answer that could not be read as a number; its raw text is kept so it can be reported, never imputed. */
export interface InvalidAnswer {
  invalid: true;
  raw: string;
}

/** One item's answer: a number (valid only if an integer within the scale), an invalid answer, or missing (null/undefined). */
export type Answer = number | InvalidAnswer | null | undefined;

/** Answers of one respondent keyed by item id; an item without an entry is missing. */
export type AnswerSheet = ReadonlyMap<number, Answer> | Readonly<Record<number, Answer>>;

export type ClassifiedAnswer =
  | { kind: "valid"; value: number }
  | { kind: "invalid"; raw: string }
  | { kind: "missing" };

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads answer text (a CSV cell, a model's reply): a decimal number becomes a number (the scorer later decides
 * whether it lies on the scale); anything else, including empty text, is an invalid answer keeping the raw text.
 */
export function parseAnswerText(raw: string): number | InvalidAnswer {
  const trimmed = raw.trim();
  return NUMBER_PATTERN.test(trimmed) ? Number(trimmed) : { invalid: true, raw };
}

export function isInvalidAnswer(answer: Answer): answer is InvalidAnswer {
  return typeof answer === "object" && answer !== null && answer.invalid === true;
}

/** A number is valid only if it is an integer within the scale; anything else that was given is invalid. */
export function classifyAnswer(answer: Answer, scale: InventoryScale): ClassifiedAnswer {
  if (answer === null || answer === undefined) return { kind: "missing" };
  if (typeof answer === "number") {
    const valid = Number.isInteger(answer) && answer >= scale.min && answer <= scale.max;
    return valid ? { kind: "valid", value: answer } : { kind: "invalid", raw: String(answer) };
  }
  return { kind: "invalid", raw: answer.raw };
}

export function answerFor(sheet: AnswerSheet, itemId: number): Answer {
  if (sheet instanceof Map) return sheet.get(itemId);
  return (sheet as Readonly<Record<number, Answer>>)[itemId];
}

export function answeredItemIds(sheet: AnswerSheet): number[] {
  if (sheet instanceof Map) return [...sheet.keys()];
  return Object.keys(sheet).map(Number);
}
