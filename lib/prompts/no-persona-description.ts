/**
 * What Figure 17's description slot says when no persona is injected (the RQ2 ablation of Section 5.3). It is
 * prompt text, so it lives with the prompts: the pipeline renders it, and a model reading the prompt (the offline
 * simulator too) can tell that the dialogue it writes has no persona behind it.
 */
export const NO_PERSONA_DESCRIPTION = "No description is available; the Seeker can be anyone.";
