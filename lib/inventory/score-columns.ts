// Both inventories have an "Emotionality" domain, so wide tables qualify every domain column with the inventory
// name: "HEXACO-60:Emotionality", "CSI:Emotionality". Inventory names may not contain ":" (the schema checks),
// so the first ":" always separates the two parts; a domain name may contain further colons.
const SEPARATOR = ":";

/** The wide-table column for one domain of one inventory: `<inventory name>:<domain>`. */
export function scoreColumn(inventoryName: string, domain: string): string {
  if (inventoryName.length === 0 || inventoryName.includes(SEPARATOR)) {
    throw new Error(`inventory name "${inventoryName}" must be non-empty and must not contain "${SEPARATOR}"`);
  }
  return `${inventoryName}${SEPARATOR}${domain}`;
}

/** Splits a column made by scoreColumn; undefined for a column that is not a score column (e.g. "respondent"). */
export function parseScoreColumn(column: string): { inventoryName: string; domain: string } | undefined {
  const at = column.indexOf(SEPARATOR);
  if (at <= 0 || at === column.length - 1) return undefined;
  return { inventoryName: column.slice(0, at), domain: column.slice(at + 1) };
}
