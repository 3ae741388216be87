/** RQ1's identity: what it asks, the prompts it renders, what --n counts, its notebook (question.ts adds the code). */
export const RQ1_ABOUT = {
  id: "rq1",
  title: "RQ1: can LLMs infer stable persona traits? (Section 4)",
  question:
    "For persona cards of ESConv, CAMS and Dreaddit, the model describes each HEXACO and CSI dimension and answers all " +
    "HEXACO-60 and CSI statements. Is each HEXACO domain most strongly correlated with its theoretical CSI partner?",
  prompts: ["extract-persona", "filter-persona", "describe-traits", "answer-statement"],
  nMeaning: "personas measured per dataset",
  notebook: { file: "01-rq1-traits.ipynb", title: "01 · RQ1: can LLMs infer stable persona traits? (Section 4)" },
} as const;
