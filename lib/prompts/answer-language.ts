import { UsageError } from "../errors";
import { listPrompts } from "./registry";

// The answer prompt per language of the item texts: English statements use the paper's answer-statement; a
// statement in language L uses the versioned template answer-statement-<L> (answer-statement.<L>.v1.md, listed in
// registry.json), whose instruction and scale labels are in that language. A language without one is refused, so an
// English instruction never surrounds a foreign statement.

/** The prompt id of the paper's (English) answer prompt. */
export const ANSWER_PROMPT_ID = "answer-statement";

const PREFIX = `${ANSWER_PROMPT_ID}-`;

/** True for the answer prompt of any language ("answer-statement", "answer-statement-de"). */
export function isAnswerPromptId(promptId: string): boolean {
  return promptId === ANSWER_PROMPT_ID || promptId.startsWith(PREFIX);
}

/** A language code suffix ("de", "pt-br"), as opposed to the condition templates' suffixes ("scaled", "paraphrase-1"). */
const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z]{2,4})?$/;

/** The language codes that have answer templates ("en" first, then the registry's answer-statement-<code>). */
export function answerLanguages(): string[] {
  return [
    "en",
    ...listPrompts()
      .map((spec) => spec.id)
      .filter((id) => id.startsWith(PREFIX) && LANGUAGE_CODE.test(id.slice(PREFIX.length)))
      .map((id) => id.slice(PREFIX.length)),
  ];
}

/** The answer prompt id for statements in `language` (English when absent); a language without templates is a one-line UsageError. */
export function answerPromptId(language: string | undefined): string {
  if (language === undefined || language === "en") return ANSWER_PROMPT_ID;
  if (answerLanguages().includes(language)) return `${PREFIX}${language}`;
  throw new UsageError(
    `no answer prompt for language "${language}" (answer templates exist for: ${answerLanguages().join(", ")}); add lib/prompts/templates/answer-statement.${language}.v1.md and its registry entry (docs/inventory.md, "Answer prompts per language")`,
  );
}
