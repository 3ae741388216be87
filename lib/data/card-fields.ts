// Reading persona cards written by other projects: field names in any case and spelling, and cards given as
// one block of "Key: value" lines.

/** The card fields an outside card can fill, each with the names other projects use for it. */
export const CARD_FIELD_ALIASES = {
  id: ["id", "personaid", "cardid", "uid", "key"],
  sourceId: ["sourceid"],
  age: ["age", "agegroup", "agerange"],
  gender: ["gender", "sex"],
  occupation: ["occupation", "job", "profession", "jobtitle", "work", "career"],
  description: ["description", "persona", "personadescription", "profile", "bio", "background", "personality"],
  problem: ["problem", "situation", "issue", "concern", "problemdescription", "emotionalproblem", "challenge"],
} as const;
export type CardField = keyof typeof CARD_FIELD_ALIASES;

/** "Age Group", "age_group", "AGE-GROUP" -> "agegroup". */
export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The card field a column name stands for, or undefined. */
export function cardFieldOf(name: string): CardField | undefined {
  const key = fieldKey(name);
  for (const [field, aliases] of Object.entries(CARD_FIELD_ALIASES)) {
    if ((aliases as readonly string[]).includes(key)) return field as CardField;
  }
  return undefined;
}

const KEY_LINE = /^\s*(?:[-*•]\s*)?([A-Za-z][A-Za-z0-9 _/()-]{0,40}?)\s*:\s*(.*)$/;

/**
 * "Age: Not mentioned\nGender: Female\nProblem: ..." -> { Age: "Not mentioned", Gender: "Female", Problem: "..." }.
 * A line without a key continues the previous value. Undefined when the text has fewer than two keys that name
 * card fields (then it is plain text, not a card).
 */
export function splitKeyValueBlock(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(KEY_LINE);
    if (match && (cardFieldOf(match[1]) || last === undefined || !fields[last])) {
      last = match[1].trim();
      fields[last] = match[2].trim();
    } else if (last !== undefined && line.trim()) {
      fields[last] = `${fields[last]} ${line.trim()}`.trim();
    }
  }
  const known = Object.keys(fields).filter((key) => cardFieldOf(key));
  return known.length >= 2 ? fields : undefined;
}

/**
 * One input record as a flat object of strings: objects as they are (non-string values as JSON), a string or an
 * object whose only text holds "Key: value" lines split into its fields.
 */
export function flattenRecord(value: unknown): { fields: Record<string, string>; splitFrom?: string } | undefined {
  if (typeof value === "string") {
    const split = splitKeyValueBlock(value);
    return split ? { fields: split, splitFrom: "(text)" } : undefined;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const fields: Record<string, string> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === null || item === undefined) continue;
    fields[key] = typeof item === "string" ? item : typeof item === "number" || typeof item === "boolean" ? String(item) : JSON.stringify(item);
  }
  // A card given as one text field ({"persona": "Age: 26\nGender: Female\n..."}): split that field.
  const recognized = Object.keys(fields).filter((key) => cardFieldOf(key) && cardFieldOf(key) !== "id");
  if (recognized.length <= 1) {
    for (const [key, text] of Object.entries(fields)) {
      const split = splitKeyValueBlock(text);
      if (split) {
        const rest = Object.fromEntries(Object.entries(fields).filter(([other]) => other !== key));
        return { fields: { ...rest, ...split }, splitFrom: key };
      }
    }
  }
  return { fields };
}
