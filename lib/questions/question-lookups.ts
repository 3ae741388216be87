import { getQuestion, listQuestions } from "./registry";

/** The prompt ids a registered question renders, in pipeline order (`pt.promptTable(pt.questionPrompts("rq1"))`). */
export function questionPrompts(id: string): readonly string[] {
  return getQuestion(id).prompts;
}

/**
 * The built-in questions' prompt ids by id, read from the registry (kept for the notebooks' `pt.NOTEBOOK_PROMPTS.rq1`;
 * questionPrompts(id) also knows questions registered later).
 */
export const NOTEBOOK_PROMPTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(listQuestions().map((question) => [question.id, question.prompts]));

/** The sentences a notebook sets beside a question's results (`pt.besideThePaper("rq1")`); none for a question without. */
export function besideThePaper(id: string): string[] {
  return getQuestion(id).besideThePaper?.() ?? [];
}
