/**
 * Statistics transposed for the paper's descriptive tables (Tables 1 and 16): one row per statistic, labelled in
 * the `statistic` column, and one column per group. A non-finite number becomes null (shown as a blank).
 */
export function statisticRows<Item>(
  items: readonly Item[],
  statistics: readonly (readonly [keyof Item, string])[],
  groupOf: (item: Item) => string,
): Record<string, string | number | null>[] {
  return statistics.map(([field, label]) => {
    const row: Record<string, string | number | null> = { statistic: label };
    for (const item of items) {
      const value = item[field] as unknown as string | number;
      row[groupOf(item)] = typeof value === "number" && !Number.isFinite(value) ? null : value;
    }
    return row;
  });
}
