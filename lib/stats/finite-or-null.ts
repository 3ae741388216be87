/**
 * A number as a table cell or a JSON value: the number when finite, else null (an undefined statistic, NaN, shows as
 * an empty cell and becomes null in summary.json). Undefined (a value not computed) is null too.
 */
export function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
