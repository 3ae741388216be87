/** The 8 ESConv support strategies, in the order of the paper's Appendix G. */
export const STRATEGY_LABELS = [
  "Question",
  "Restatement or Paraphrasing",
  "Reflection of feelings",
  "Self-disclosure",
  "Affirmation and Reassurance",
  "Providing Suggestions",
  "Information",
  "Others",
] as const;
export type StrategyLabel = (typeof STRATEGY_LABELS)[number];

export type Speaker = "seeker" | "supporter";

export interface Turn {
  speaker: Speaker;
  text: string;
  /** Supporter turns only; undefined when the source gives none. */
  strategy?: StrategyLabel;
  /** ESConv's per-turn seeker feedback score (original ESConv.json only). */
  feedback?: number;
}

/** One ESConv dialogue in either published shape, normalized. */
export interface Dialogue {
  /** Stable id: "<split or file>:<index>", e.g. "train:12". */
  id: string;
  split?: "train" | "valid" | "test";
  experienceType?: string;
  emotionType?: string;
  problemType?: string;
  situation?: string;
  /** Survey scores as numbers, keyed by the source's names (seeker.initial_emotion_intensity, ...). */
  survey: Record<string, number>;
  turns: Turn[];
}

/** "custom": persona cards a researcher brings (importPersonaCards). */
export type SourceDataset = "esconv" | "cams" | "dreaddit" | "personahub" | "generated" | "custom";

/** A Reddit-style post (CAMS or Dreaddit) that a persona is extracted from. */
export interface Post {
  /** "cams:<file>:<row>" or "dreaddit:<post_id>". */
  id: string;
  dataset: "cams" | "dreaddit";
  text: string;
  /** Dataset-specific labels kept as strings (CAMS cause/inference; Dreaddit label, subreddit). */
  labels: Record<string, string>;
}

export const AGE_GROUPS = ["teenage", "young", "middle-aged", "old", "unknown"] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const GENDERS = ["male", "female", "unknown"] as const;
export type Gender = (typeof GENDERS)[number];

/** The basic persona card of the paper's Figure 2. */
export interface PersonaCard {
  /** Unique within a run: "<sourceDataset>:<sourceId>". */
  id: string;
  sourceDataset: SourceDataset;
  sourceId: string;
  age: AgeGroup;
  gender: Gender;
  occupation: string;
  description: string;
  problem: string;
}
