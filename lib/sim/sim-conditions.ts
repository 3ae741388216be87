/**
 * The generation conditions the simulator tells apart, each recognised from the request it receives (never from a
 * side channel): which template was used (metadata.prompt.id) and what the prompt shows.
 *
 * | condition                            | recognised by                                                              |
 * | ------------------------------------ | -------------------------------------------------------------------------- |
 * | with-traits, hexaco-only, csi-only   | continue-with-traits (role-play-supporter) with both / only the HEXACO / only the CSI block |
 * | without-traits                       | continue-without-traits, or no trait block                                  |
 * | persona                              | generate-dialogue whose description is a persona                            |
 * | no-persona                           | generate-dialogue whose description is NO_PERSONA_DESCRIPTION (lib/prompts) |
 *
 * A persona re-extracted from a dialogue the simulator wrote is recognised by that dialogue's opening (see
 * persona-text.ts); a judged dialogue's condition by the dialogues the simulator wrote (produced-dialogues.ts).
 */
export const SIM_CONDITIONS = ["with-traits", "without-traits", "hexaco-only", "csi-only", "persona", "no-persona"] as const;
export type SimCondition = (typeof SIM_CONDITIONS)[number];

export function isSimCondition(value: unknown): value is SimCondition {
  return typeof value === "string" && (SIM_CONDITIONS as readonly string[]).includes(value);
}

/** Conditions where persona information reached the generator. */
export function conditionHasPersona(condition: SimCondition): boolean {
  return condition === "with-traits" || condition === "hexaco-only" || condition === "csi-only" || condition === "persona";
}
