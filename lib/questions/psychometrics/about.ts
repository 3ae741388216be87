import { RQ1_ABOUT } from "../rq1/about";

/** The psychometrics question's identity: it measures RQ1's personas with RQ1's prompts. */
export const PSYCHOMETRICS_ABOUT = {
  id: "psychometrics",
  title: "Psychometrics: are the model's inventory answers reliable and valid measurements?",
  question:
    "Do the model's answers to HEXACO-60 and CSI hang together as measurements (alpha, omega, item-total correlations), are they " +
    "stable across repeated samples (ICC), and could a failed HEXACO x CSI alignment be explained by unreliable measurement?",
  prompts: RQ1_ABOUT.prompts,
  nMeaning: "personas measured per dataset",
  notebook: { file: "04-psychometrics.ipynb", title: "04 · Psychometrics: are the model's inventory answers reliable and valid measurements?" },
} as const;
