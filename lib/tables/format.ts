// Number formats of the paper's tables.

function finite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** ".54", "-.21", ".00": two decimals without the leading zero (APA style for |value| <= 1). */
export function formatCorrelation(value: unknown): string {
  if (!finite(value)) return "NA";
  let text = value.toFixed(2);
  if (text === "-0.00") text = "0.00";
  return text.replace(/^(-?)0\./, "$1.");
}

/** "27.23%" (digits after the point are configurable). */
export function formatPercent(value: unknown, digits = 2): string {
  if (!finite(value)) return "NA";
  return `${(value * 100).toFixed(digits)}%`;
}

/** "<.001", ".023", "1.00"-style p-values without the leading zero. */
export function formatP(value: unknown): string {
  if (!finite(value)) return "NA";
  if (value < 0.001) return "<.001";
  return value.toFixed(3).replace(/^0\./, ".");
}

/** "218,433" for counts; "21.01" for non-integers (two decimals unless given). */
export function formatNumber(value: unknown, digits = 2): string {
  if (!finite(value)) return "NA";
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Fixed decimals, "NA" for an undefined value. */
export function formatFixed(value: unknown, digits = 2): string {
  return finite(value) ? value.toFixed(digits) : "NA";
}
