import { failed, isRecord, parsed, pick, type ParseResult } from "./parse-result";
import { personaRecord, type PersonaCardFields } from "./parse-persona";
import { normalizeAge, normalizeGender, normalizeOccupation } from "../data/normalize-demographics";
import { matchDomain } from "./parse-traits";

/** An expanded PersonaHub persona (Section 5.1): card fields without a problem, plus trait statements per inventory. */
export interface ExpandedPersona extends Omit<PersonaCardFields, "problem"> {
  hexaco: Record<string, string>;
  csi: Record<string, string>;
}

function statements(value: unknown, domains: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  if (isRecord(value)) {
    for (const [key, sentence] of Object.entries(value)) {
      const domain = matchDomain(key, domains);
      if (domain && typeof sentence === "string" && sentence.trim()) result[domain] = sentence.trim();
    }
  } else if (Array.isArray(value) && value.length === domains.length && value.every((entry) => typeof entry === "string")) {
    value.forEach((entry, index) => (result[domains[index]] = (entry as string).trim()));
  }
  return result;
}

/** The answer to expand-persona. Fails when the description or any trait statement is missing. */
export function parseExpandedPersona(raw: string, hexacoDomains: string[], csiDomains: string[]): ParseResult<ExpandedPersona> {
  const found = personaRecord(raw);
  if (!found.ok) return failed(raw, found.reason);
  const record = found.record;
  const description = pick(record, "description", "socio-demographic description", "sociodemographic", "socio_demographic");
  if (typeof description !== "string" || !description.trim()) return failed(raw, "missing or empty description");
  const hexaco = statements(pick(record, "hexaco", "hexaco indicators", "personality"), hexacoDomains);
  const csi = statements(pick(record, "csi", "csi indicators", "communication style", "communication styles"), csiDomains);
  const missing = [
    ...hexacoDomains.filter((domain) => !hexaco[domain]).map((domain) => `HEXACO ${domain}`),
    ...csiDomains.filter((domain) => !csi[domain]).map((domain) => `CSI ${domain}`),
  ];
  if (missing.length) return failed(raw, `no statement for ${missing.join(", ")}`);
  return parsed({
    age: normalizeAge(pick(record, "age", "age group")),
    gender: normalizeGender(pick(record, "gender", "sex")),
    occupation: normalizeOccupation(pick(record, "occupation", "job", "profession")),
    description: description.trim(),
    hexaco,
    csi,
  });
}
