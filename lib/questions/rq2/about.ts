/** RQ2's identity: what it asks, the prompts it renders, what --n counts, its notebook (question.ts adds the code). */
export const RQ2_ABOUT = {
  id: "rq2",
  title: "RQ2: do persona traits survive dialogue generation? (Section 5)",
  question:
    "PersonaHub personas are expanded and scored; each acts as the seeker of a generated dialogue, from which a persona " +
    "is re-extracted and scored again. Do the scores stay the same? Do dialogues generated without a persona spread less in trait space?",
  prompts: ["expand-persona", "answer-statement", "generate-dialogue", "extract-persona-from-dialogue", "describe-traits"],
  nMeaning: "personas measured (PersonaHub personas expanded and scored)",
  notebook: { file: "02-rq2-consistency.ipynb", title: "02 · RQ2: do persona traits survive dialogue generation? (Section 5)" },
} as const;
