import { CONDITION_PROMPT_IDS } from "../../prompts/condition-prompt";
import { RQ1_ABOUT } from "../rq1/about";

/** The robustness grid's identity: RQ1's personas and prompts, answered under every condition of a factorial design. */
export const ROBUSTNESS_ABOUT = {
  id: "robustness",
  title: "Robustness: do inventory scores survive how the items are asked?",
  question:
    "Do the model's inventory scores, their rank order over personas and RQ1's alignment conclusions stay the same when the " +
    "item order, the option order, the option labels, the instruction wording or the sample (at temperature > 0) change?",
  /** RQ1's prompts, then the condition templates (the paper's wording with a scale variable, and the paraphrases). */
  prompts: [...RQ1_ABOUT.prompts, ...CONDITION_PROMPT_IDS],
  nMeaning: "personas measured per dataset",
  notebook: { file: "05-robustness.ipynb", title: "05 · Robustness: do inventory scores survive how the items are asked?" },
} as const;
