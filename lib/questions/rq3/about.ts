/** RQ3's identity: what it asks, the prompts it renders, what --n counts, its notebook (question.ts adds the code). */
export const RQ3_ABOUT = {
  id: "rq3",
  title: "RQ3: do persona traits change the support strategies? (Section 6)",
  question:
    "ESConv dialogues are continued with the seeker's trait scores (both inventories, HEXACO only, CSI only) and without " +
    "them. Does the distribution of the 8 support strategies change? Which continuation does a judge prefer?",
  prompts: ["extract-persona", "describe-traits", "answer-statement", "continue-with-traits", "continue-without-traits", "annotate-strategies", "judge-pair"],
  nMeaning: "ESConv dialogues continued",
  notebook: { file: "03-rq3-strategies.ipynb", title: "03 · RQ3: do persona traits change the support strategies? (Section 6)" },
} as const;
