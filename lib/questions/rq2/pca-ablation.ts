import { principalComponents, spreadOf, type Spread } from "../../stats/pca";
import { HEXACO_COLUMNS } from "../../analysis/domains";
import { rowsOf, scoreValue, type Row } from "../../analysis/rows";

export interface AblationPoint {
  personaId: string;
  condition: string;
  x: number;
  y: number;
}

export interface ConditionSpread {
  condition: string;
  /** Spread of the 2-D PCA projection (what Figure 8 shows). */
  projected: Spread;
  /** Spread in the full space of the analysed columns (score points, or z units when standardized). */
  full: Pick<Spread, "n" | "meanDistanceToCentroid" | "totalVariance" | "generalizedVariance">;
}

export interface PcaAblationResult {
  columns: string[];
  standardized: boolean;
  /** Explained variance ratio of every component of the pooled PCA. */
  explainedVarianceRatio: number[];
  /** Unit loadings of PC1 and PC2 over `columns`. */
  loadings: number[][];
  points: AblationPoint[];
  spread: ConditionSpread[];
  /** Rows left out because a score was missing, per condition. */
  incomplete: Record<string, number>;
}

export interface PcaAblationOptions {
  /** Columns analysed; the six HEXACO-60 domains unless given (Section 5.3 uses personality scores). */
  columns?: readonly string[];
  /** See PcaOptions.standardize; false unless given. */
  standardize?: boolean;
  /** Condition names of the two inputs; "with persona" and "without persona" unless given. */
  labels?: readonly [string, string];
}

/**
 * The Section 5.3 ablation (Figure 8): one PCA fitted on the pooled scores of dialogues generated with and
 * without a persona, both projected to 2-D, and the spread of each condition. Fitting on the pooled rows puts
 * both conditions in the same axes, so their spreads are comparable.
 */
export function pcaAblation(rowsWith: unknown, rowsWithout: unknown, options: PcaAblationOptions = {}): PcaAblationResult {
  const columns = [...(options.columns ?? HEXACO_COLUMNS)];
  const labels = options.labels ?? ["with persona", "without persona"];
  const standardize = options.standardize ?? false;
  const incomplete: Record<string, number> = { [labels[0]]: 0, [labels[1]]: 0 };
  const observations: { personaId: string; condition: string; values: number[] }[] = [];
  [rowsOf<Row>(rowsWith, "rows with persona"), rowsOf<Row>(rowsWithout, "rows without persona")].forEach((rows, which) => {
    const condition = labels[which];
    rows.forEach((row, index) => {
      const values = columns.map((column) => scoreValue(row, column, index));
      if (values.some((value) => value === null)) {
        incomplete[condition]++;
        return;
      }
      observations.push({
        personaId: typeof row.personaId === "string" ? row.personaId : String(index),
        condition,
        values: values as number[],
      });
    });
  });
  const pca = principalComponents(
    observations.map((observation) => observation.values),
    { standardize, components: 2 },
  );
  const points = observations.map((observation, index) => ({
    personaId: observation.personaId,
    condition: observation.condition,
    x: pca.projections[index][0],
    y: pca.projections[index][1],
  }));
  const spread = labels.map((condition) => {
    const members = observations.map((observation, index) => ({ observation, index })).filter((item) => item.observation.condition === condition);
    const fullPoints = members.map(({ observation }) =>
      observation.values.map((value, column) => (value - pca.means[column]) / pca.scales[column]),
    );
    const full = spreadOf(fullPoints);
    return {
      condition,
      projected: spreadOf(members.map(({ index }) => pca.projections[index])),
      full: {
        n: full.n,
        meanDistanceToCentroid: full.meanDistanceToCentroid,
        totalVariance: full.totalVariance,
        generalizedVariance: full.generalizedVariance,
      },
    };
  });
  return {
    columns,
    standardized: standardize,
    explainedVarianceRatio: pca.explainedVarianceRatio,
    loadings: pca.loadings,
    points,
    spread,
    incomplete,
  };
}
