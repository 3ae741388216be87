import { UsageError } from "../errors";

/**
 * The template language, deliberately tiny:
 *   {{name}}                    substitute a text variable
 *   {{#flag}} ... {{/flag}}     keep the block when the flag variable is true
 *   {{^flag}} ... {{/flag}}     keep the block when the flag variable is false
 *   {{#kind=post}} ... {{/kind}} keep the block when the choice variable equals "post" ({{^kind=post}} when not)
 * Sections do not nest. Substituted values are never re-scanned, so a value may contain "{{".
 */

export type TemplatePart = { type: "text"; text: string } | { type: "variable"; name: string };

export interface TemplateSection {
  type: "section";
  name: string;
  /** For choice sections: the value that switches the block on. */
  value?: string;
  inverted: boolean;
  body: TemplatePart[];
}

export type TemplateToken = TemplatePart | TemplateSection;

/** A template that cannot be parsed, or a render with missing, unused or ill-typed variables. */
export class PromptTemplateError extends UsageError {
  readonly promptId: string;
  readonly missing: string[];
  readonly unused: string[];
  constructor(promptId: string, message: string, details: { missing?: string[]; unused?: string[] } = {}) {
    super(`prompt "${promptId}": ${message}`);
    this.name = "PromptTemplateError";
    this.promptId = promptId;
    this.missing = details.missing ?? [];
    this.unused = details.unused ?? [];
  }
}

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9_]*)(?:=([A-Za-z0-9_-]+))?\s*\}\}/g;

export function parseTemplate(text: string, promptId = "template"): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let open: TemplateSection | undefined;
  let last = 0;
  const push = (part: TemplatePart) => (open ? open.body.push(part) : tokens.push(part));
  for (const match of text.matchAll(TAG)) {
    const [whole, sigil, name, value] = match;
    const index = match.index ?? 0;
    if (index > last) push({ type: "text", text: text.slice(last, index) });
    last = index + whole.length;
    if (sigil === "") {
      if (value !== undefined) throw new PromptTemplateError(promptId, `"${whole}": "=" is only allowed in section tags`);
      push({ type: "variable", name });
    } else if (sigil === "#" || sigil === "^") {
      if (open) throw new PromptTemplateError(promptId, `section "${name}" opened inside section "${open.name}" (sections do not nest)`);
      open = { type: "section", name, value, inverted: sigil === "^", body: [] };
    } else {
      if (!open || open.name !== name) throw new PromptTemplateError(promptId, `"${whole}" closes no open section`);
      tokens.push(open);
      open = undefined;
    }
  }
  if (open) throw new PromptTemplateError(promptId, `section "${open.name}" is never closed`);
  if (last < text.length) push({ type: "text", text: text.slice(last) });
  return tokens;
}

export interface TemplateVariables {
  /** Names used as {{name}} anywhere (inside or outside sections). */
  text: Set<string>;
  /** Section switches: flag (no value) or choice (with the values used). */
  switches: Map<string, { kind: "flag" | "choice"; values: Set<string> }>;
}

export function templateVariables(tokens: TemplateToken[]): TemplateVariables {
  const text = new Set<string>();
  const switches = new Map<string, { kind: "flag" | "choice"; values: Set<string> }>();
  const visit = (part: TemplatePart) => {
    if (part.type === "variable") text.add(part.name);
  };
  for (const token of tokens) {
    if (token.type === "section") {
      const entry = switches.get(token.name) ?? { kind: token.value === undefined ? "flag" : "choice", values: new Set<string>() };
      if (token.value !== undefined) entry.values.add(token.value);
      switches.set(token.name, entry);
      token.body.forEach(visit);
    } else visit(token);
  }
  return { text, switches };
}

export type VariableValue = string | number | boolean;

/** Whether a section is kept for the given switch value. */
export function sectionEnabled(section: TemplateSection, value: VariableValue | undefined): boolean {
  const on = section.value === undefined ? value === true : value === section.value;
  return section.inverted ? !on : on;
}

/** The parts that survive section switching, in order. */
export function activeParts(tokens: TemplateToken[], values: Record<string, VariableValue | undefined>): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const token of tokens) {
    if (token.type === "section") {
      if (sectionEnabled(token, values[token.name])) parts.push(...token.body);
    } else parts.push(token);
  }
  return parts;
}
