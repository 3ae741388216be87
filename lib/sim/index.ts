/**
 * The offline simulator (provider "sim"): a ModelAdapter that answers every prompt of the pipeline from a
 * documented ground truth (SimTruth, DEFAULT_SIM_TRUTH), deterministically from a seed and the request alone. It is
 * not a model of anything real; it lets the whole system run, be tested and be demonstrated without an API key,
 * and lets the analyses be checked for recovering known effects. What it reads from a request is in
 * docs/prompts-and-sim.md ("What the sim reads"), the truth model in sim-truth.ts, the generic truth per inventory
 * domain in truth/domain-loadings.json (domain-truth.ts), the named simulated models in sim-models.ts.
 */
export * from "./sim-adapter";
export * from "./sim-conditions";
export * from "./sim-truth";
export * from "./domain-truth";
export * from "./persona-text";
export * from "./known-statements";
export * from "./latent-traits";
export * from "./item-response";
export * from "./sim-items";
export * from "./monte-carlo-design";
export * from "./expected-correlation";
export * from "./expected-reliability";
export * from "./condition-effects";
export * from "./expected-condition-shift";
export * from "./sim-models";
export * from "./utterance-bank";
export * from "./persona-cues";
export * from "./linear-algebra";
