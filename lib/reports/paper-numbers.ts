// Numbers printed in the paper ("From Personas to Talks", EMNLP 2025), for setting a run's results beside them.

/** Table 1: persona card statistics per dataset. */
export const PAPER_TABLE1: Record<string, Record<string, number | string>> = {
  esconv: { dataType: "dialogue", personas: 1155, averageDescriptionWords: 57.38, averageProblemWords: 33.92, withAge: 901, withGender: 417, withOccupation: 926 },
  cams: { dataType: "QA", personas: 1140, averageDescriptionWords: 66.42, averageProblemWords: 32.02, withAge: 1014, withGender: 401, withOccupation: 968 },
  dreaddit: { dataType: "QA", personas: 730, averageDescriptionWords: 56.68, averageProblemWords: 27.75, withAge: 459, withGender: 300, withOccupation: 542 },
};

/** Tables 2-4 (ESConv): the paired HEXACO <-> CSI correlation per model, by HEXACO domain. */
export const PAPER_PAIRED_CORRELATIONS_ESCONV: Record<string, Record<string, number>> = {
  "gpt-4o-mini": { Extraversion: 0.54, Conscientiousness: 0.34, Agreeableness: -0.39, "Openness to Experience": 0.47, Emotionality: 0.45, "Honesty-Humility": -0.18 },
  "claude-3.5-haiku": { Extraversion: 0.63, Conscientiousness: 0.48, Agreeableness: -0.59, "Openness to Experience": 0.46, Emotionality: 0.32, "Honesty-Humility": -0.37 },
  "llama-3.1-8b": { Extraversion: 0.28, Conscientiousness: 0.55, Agreeableness: -0.19, "Openness to Experience": 0.32, Emotionality: 0.48, "Honesty-Humility": -0.13 },
};

/** Section 5.2: the direction of the shift from original to re-extracted HEXACO scores (Figures 5-7). */
export const PAPER_RQ2_SHIFT: Record<string, "higher" | "lower" | "similar"> = {
  "Honesty-Humility": "similar",
  Emotionality: "higher",
  Extraversion: "lower",
  Agreeableness: "similar",
  Conscientiousness: "similar",
  "Openness to Experience": "similar",
};

/** Table 5 (gpt-4o-mini): strategy shares with (both) and without (none) persona traits; Table 8: HEXACO vs CSI. */
export const PAPER_STRATEGY_SHARES: Record<string, Record<string, number>> = {
  both: { Question: 0.2723, "Restatement or Paraphrasing": 0.0361, "Reflection of feelings": 0.1175, "Self-disclosure": 0.0264, "Affirmation and Reassurance": 0.2972, "Providing Suggestions": 0.1692, Information: 0.0078, Others: 0.0845 },
  none: { Question: 0.1645, "Restatement or Paraphrasing": 0.1057, "Reflection of feelings": 0.1133, "Self-disclosure": 0.1064, "Affirmation and Reassurance": 0.2106, "Providing Suggestions": 0.1425, Information: 0.0485, Others: 0.1088 },
  hexaco: { Question: 0.2783, "Restatement or Paraphrasing": 0.0372, "Reflection of feelings": 0.1248, "Self-disclosure": 0.0341, "Affirmation and Reassurance": 0.2896, "Providing Suggestions": 0.1644, Information: 0.005, Others: 0.0666 },
  csi: { Question: 0.2723, "Restatement or Paraphrasing": 0.0361, "Reflection of feelings": 0.1175, "Self-disclosure": 0.0264, "Affirmation and Reassurance": 0.2972, "Providing Suggestions": 0.1692, Information: 0.0078, Others: 0.0845 },
};

/** Table 9 (human evaluation, 50 pairs): win / tie / loss shares of the with-persona dialogue. */
export const PAPER_TABLE9: Record<string, { win: number; tie: number; loss: number }> = {
  Suggestion: { win: 0.38, tie: 0.27, loss: 0.35 },
  Consistency: { win: 0.27, tie: 0.54, loss: 0.19 },
  Comforting: { win: 0.38, tie: 0.28, loss: 0.34 },
  Identification: { win: 0.37, tie: 0.3, loss: 0.33 },
  Overall: { win: 0.39, tie: 0.27, loss: 0.34 },
};
