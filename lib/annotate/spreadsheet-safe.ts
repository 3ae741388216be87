/**
 * A text cell a spreadsheet will not run: one starting with = + - @, a tab or a carriage return gets a leading
 * apostrophe (the OWASP advice against CSV formula injection). Other values are returned unchanged.
 */
export function spreadsheetSafe<Value>(value: Value): Value | string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function spreadsheetSafeRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, spreadsheetSafe(value)]));
}
