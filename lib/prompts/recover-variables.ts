import { promptTemplate, type RenderOptions } from "./render-prompt";
import { activeParts, parseTemplate, templateVariables, type TemplatePart, type VariableValue } from "./template";

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function switchCombinations(
  switches: Map<string, { kind: "flag" | "choice"; values: Set<string> }>,
  declaredChoices: (name: string) => string[] | undefined,
): Array<Record<string, VariableValue>> {
  let combinations: Array<Record<string, VariableValue>> = [{}];
  for (const [name, entry] of switches) {
    const options: VariableValue[] = entry.kind === "flag" ? [true, false] : (declaredChoices(name) ?? [...entry.values]);
    combinations = combinations.flatMap((combination) => options.map((option) => ({ ...combination, [name]: option })));
  }
  return combinations;
}

function literalLength(parts: TemplatePart[]): number {
  return parts.reduce((total, part) => total + (part.type === "text" ? part.text.length : 0), 0);
}

/**
 * The inverse of renderPrompt: given the text a prompt rendered to, the variable values that produced it, or
 * undefined when the text does not fit the prompt's current template. The offline simulator uses this to read
 * what a model would read (the dialogue, the post, the persona) without a second channel. Where section
 * switches leave several fits, the one with the most template text wins (so a section's text is never taken
 * for part of a variable).
 */
export function recoverPromptVariables(
  id: string,
  renderedText: string,
  options: RenderOptions = {},
): Record<string, VariableValue> | undefined {
  const template = promptTemplate(id, options);
  const tokens = parseTemplate(template.text, id);
  const { switches } = templateVariables(tokens);
  const declared = (name: string) => template.spec.variables.find((variable) => variable.name === name)?.choices;
  const candidates = switchCombinations(switches, declared)
    .map((values) => ({ values, parts: activeParts(tokens, values) }))
    .sort((a, b) => literalLength(b.parts) - literalLength(a.parts));
  for (const { values, parts } of candidates) {
    const seen = new Set<string>();
    let pattern = "";
    for (const [index, part] of parts.entries()) {
      if (part.type === "text") {
        pattern += escapeRegex(index === parts.length - 1 ? part.text.replace(/\s+$/, "") : part.text);
      } else if (seen.has(part.name)) pattern += `\\k<${part.name}>`;
      else {
        seen.add(part.name);
        pattern += `(?<${part.name}>[\\s\\S]*?)`;
      }
    }
    const match = new RegExp(`^${pattern}\\s*$`).exec(renderedText);
    if (match) return { ...values, ...(match.groups ?? {}) };
  }
  return undefined;
}
