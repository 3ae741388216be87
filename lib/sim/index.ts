/**
 * The offline simulator (provider "sim"): a ModelAdapter that answers every prompt of the pipeline from a
 * documented ground truth (SimTruth, DEFAULT_SIM_TRUTH), deterministically from a seed. It is not a model of
 * anything real; it lets the whole system run, be tested and be demonstrated without an API key, and lets the
 * analyses be checked for recovering known effects. The request contract is in sim-context.ts, the truth model
 * in sim-truth.ts and docs/prompts-and-sim.md, the named simulated models in sim-models.ts (SIM_MODELS).
 */
export * from "./sim-adapter";
export * from "./sim-context";
export * from "./sim-truth";
export * from "./latent-traits";
export * from "./item-response";
export * from "./expected-correlation";
export * from "./expected-reliability";
export * from "./sim-models";
export * from "./persona-key";
export * from "./utterance-bank";
export * from "./persona-cues";
export * from "./linear-algebra";
