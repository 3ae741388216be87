/** Model ids as the paper and its readers name them. */
const KNOWN: [RegExp, string][] = [
  [/gpt-4o-mini/i, "gpt-4o-mini"],
  [/claude-3[-.]5-haiku/i, "Claude-3.5-Haiku"],
  [/llama-?3\.1-8b/i, "LLaMA-3.1-8B"],
];

/**
 * The model's name for a figure title: "simulated" for the sim provider (its ids, like sim-1-seed1-truth617c8761,
 * mean nothing to a reader and belong in the figure's metadata), the paper's spelling for its three models, else the
 * id without a vendor path or a date suffix.
 */
export function readerModelName(model: string, options: { simulated?: boolean; profile?: "always" | "unless-default" } = {}): string {
  if (options.simulated || /^sim(-|$)/.test(model)) {
    // The simulated model's profile (aligned, llama-like, ...) tells two simulated models apart in one comparison.
    const profile = simulatedProfile(model);
    const named = profile && (options.profile === "always" || (options.profile === "unless-default" && profile !== DEFAULT_SIM_PROFILE));
    return named ? `simulated ${profile}` : "simulated";
  }
  for (const [pattern, name] of KNOWN) if (pattern.test(model)) return name;
  return model.split("/").pop()!.replace(/-\d{8}$/, "");
}

/** The simulator's default profile: the paper's six pairs aligned. */
export const DEFAULT_SIM_PROFILE = "aligned";

/** The profile in a simulated model id ("sim-3-llama-like-seed1-truth1e096f79" or "sim:llama-like" gives "llama-like"), or undefined. */
export function simulatedProfile(model: string): string | undefined {
  return /^sim-\d+-([a-z][a-z0-9-]*?)-seed\d/.exec(model)?.[1] ?? /^sim:([a-z][a-z0-9-]*)$/.exec(model)?.[1];
}
