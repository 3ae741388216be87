/**
 * Finds the JSON value in a model's answer: plain JSON, JSON inside ``` fences, or JSON surrounded by prose.
 * Tolerates trailing commas and smart quotes around keys; nothing else is repaired.
 */
export type JsonExtraction = { ok: true; value: unknown } | { ok: false; reason: string };

function tryParse(text: string): { ok: true; value: unknown } | undefined {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    try {
      const relaxed = text.replace(/[\u201c\u201d]/g, '"').replace(/,\s*([}\]])/g, "$1");
      return { ok: true, value: JSON.parse(relaxed) };
    } catch {
      return undefined;
    }
  }
}

/** The balanced {...} or [...] starting at `start`, honouring strings; undefined when it never closes. */
function balancedEnd(text: string, start: number): number | undefined {
  const stack: string[] = [];
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === "{" || character === "[") stack.push(character === "{" ? "}" : "]");
    else if (character === "}" || character === "]") {
      if (stack.pop() !== character) return undefined;
      if (stack.length === 0) return index;
    }
  }
  return undefined;
}

export function extractJson(raw: string, prefer: "object" | "array" | "any" = "any"): JsonExtraction {
  const text = raw.trim();
  if (!text) return { ok: false, reason: "empty answer" };
  const candidates: string[] = [];
  for (const match of text.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)) candidates.push(match[1].trim());
  candidates.push(text);
  for (const candidate of candidates) {
    const direct = tryParse(candidate);
    if (direct && typeof direct.value === "object" && direct.value !== null) return direct;
  }
  // The first bracket never closing means the answer was cut off: do not read the fragments inside it as an answer.
  const first = text.search(/[[{]/);
  if (first !== -1 && balancedEnd(text, first) === undefined && !tryParse(text.slice(first))) {
    return { ok: false, reason: "malformed or truncated JSON" };
  }
  // JSON embedded in prose: scan each opening bracket, preferring the requested kind.
  const openers = prefer === "object" ? ["{", "["] : prefer === "array" ? ["[", "{"] : ["{", "["];
  let sawOpener = false;
  for (const opener of openers) {
    const found: unknown[] = [];
    for (let start = text.indexOf(opener); start !== -1; start = text.indexOf(opener, start + 1)) {
      sawOpener = true;
      const end = balancedEnd(text, start);
      if (end === undefined) continue;
      const attempt = tryParse(text.slice(start, end + 1));
      if (attempt) {
        found.push(attempt.value);
        start = end;
      }
    }
    if (found.length === 1) return { ok: true, value: found[0] };
    if (found.length > 1) {
      // Several JSON values in the prose: e.g. one object per turn. Return them as a list when objects.
      if (opener === "{") return { ok: true, value: found };
      return { ok: true, value: found.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a)) };
    }
  }
  return { ok: false, reason: sawOpener ? "malformed or truncated JSON" : "no JSON found in the answer" };
}
