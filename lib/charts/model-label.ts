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
export function readerModelName(model: string, options: { simulated?: boolean } = {}): string {
  if (options.simulated || /^sim(-|$)/.test(model)) return "simulated";
  for (const [pattern, name] of KNOWN) if (pattern.test(model)) return name;
  return model.split("/").pop()!.replace(/-\d{8}$/, "");
}
