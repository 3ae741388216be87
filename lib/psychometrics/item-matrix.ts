/**
 * Respondents x items, one inventory domain (or facet) at a time: the shape every reliability statistic takes.
 * A missing or invalid answer is NaN (never imputed); each statistic states how it treats NaN.
 */
export interface ItemMatrix {
  /** One row per respondent (persona), in `respondents` order; one column per item, in `items` order. */
  values: number[][];
  respondents: string[];
  items: ItemKey[];
}

/** An item as the reliability tables name it: its id in the inventory file and its key direction. */
export interface ItemKey {
  inventory: string;
  domain: string;
  itemId: number;
  reversed: boolean;
  facet?: string;
}

/** The fields of an answer row (lib/pipeline AnswerRow) the item matrices need. */
export interface ItemAnswer {
  personaId: string;
  inventory: string;
  itemId: number;
  domain: string;
  reversed: boolean;
  answer: number | null;
  /** Repeated samples of the same statement (--samples K); 0 when absent. */
  sample?: number;
}

/** The scale's reverse keying: a reversed item scores min + max - answer, like the inventory scorer. */
export function keyedAnswer(answer: number | null | undefined, reversed: boolean, scale: { min: number; max: number } = { min: 1, max: 5 }): number {
  if (typeof answer !== "number" || !Number.isFinite(answer)) return Number.NaN;
  return reversed ? scale.min + scale.max - answer : answer;
}

export interface ItemMatrixOptions {
  /** Which repeated sample to use; default 0 (the paper's single answer). */
  sample?: number;
  /** Score reversed items back (default true): reliability is computed on keyed answers. */
  keyed?: boolean;
  scale?: { min: number; max: number };
  /** Item facets by `<inventory>#<itemId>`, carried into ItemKey (for facet-level alpha). */
  facets?: ReadonlyMap<string, string>;
}

/**
 * One matrix per `<inventory>` and domain, from long answer rows. Respondents are the personas that have at least
 * one row for the inventory, in first-seen order; items are sorted by id.
 */
export function itemMatrices(rows: readonly ItemAnswer[], options: ItemMatrixOptions = {}): Map<string, Map<string, ItemMatrix>> {
  const sample = options.sample ?? 0;
  const keyed = options.keyed ?? true;
  const byInventory = new Map<string, ItemAnswer[]>();
  for (const row of rows) {
    if ((row.sample ?? 0) !== sample) continue;
    const list = byInventory.get(row.inventory) ?? [];
    list.push(row);
    byInventory.set(row.inventory, list);
  }
  const result = new Map<string, Map<string, ItemMatrix>>();
  for (const [inventory, list] of byInventory) {
    const respondents = [...new Set(list.map((row) => row.personaId))];
    const position = new Map(respondents.map((id, index) => [id, index]));
    const domains = new Map<string, Map<number, ItemKey>>();
    for (const row of list) {
      const items = domains.get(row.domain) ?? new Map<number, ItemKey>();
      if (!items.has(row.itemId)) {
        const facet = options.facets?.get(`${inventory}#${row.itemId}`);
        items.set(row.itemId, { inventory, domain: row.domain, itemId: row.itemId, reversed: row.reversed, ...(facet ? { facet } : {}) });
      }
      domains.set(row.domain, items);
    }
    const matrices = new Map<string, ItemMatrix>();
    for (const [domain, itemMap] of domains) {
      const items = [...itemMap.values()].sort((a, b) => a.itemId - b.itemId);
      const column = new Map(items.map((item, index) => [item.itemId, index]));
      const values = respondents.map(() => items.map(() => Number.NaN));
      for (const row of list) {
        if (row.domain !== domain) continue;
        const value = keyed ? keyedAnswer(row.answer, row.reversed, options.scale) : (row.answer ?? Number.NaN);
        values[position.get(row.personaId)!][column.get(row.itemId)!] = value;
      }
      matrices.set(domain, { values, respondents, items });
    }
    result.set(inventory, matrices);
  }
  return result;
}

/** The columns of `matrix` whose item satisfies `keep` (e.g. one facet's items). */
export function selectItems(matrix: ItemMatrix, keep: (item: ItemKey) => boolean): ItemMatrix {
  const columns = matrix.items.map((item, index) => ({ item, index })).filter(({ item }) => keep(item));
  return {
    respondents: matrix.respondents,
    items: columns.map(({ item }) => item),
    values: matrix.values.map((row) => columns.map(({ index }) => row[index])),
  };
}

/** The rows (respondents) at the given positions, e.g. a bootstrap resample. */
export function selectRespondents(matrix: ItemMatrix, positions: readonly number[]): ItemMatrix {
  return { items: matrix.items, respondents: positions.map((index) => matrix.respondents[index]), values: positions.map((index) => matrix.values[index]) };
}
