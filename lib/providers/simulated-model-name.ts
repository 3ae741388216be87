import { findSimModel, simModelDisplayName } from "../sim/sim-models";

/**
 * How outputs name a simulated model ("Simulated aligned (SIMULATED)") from any of its ids: the versioned id a run
 * records ("sim-3-aligned-seed1-truth1e096f79"), "sim:aligned", "aligned" or the alias "sim". Undefined for an id
 * that names no simulated model (a real model, or a made-up test id). The simulator's own list (lib/sim/sim-models)
 * is the one source; only lib/providers reads it.
 */
export function simulatedModelName(model: string): string | undefined {
  const id = model.trim().replace(/^sim:/, "");
  return findSimModel(id) ? simModelDisplayName(id) : undefined;
}
