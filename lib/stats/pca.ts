import { PCA } from "ml-pca";

export interface PcaOptions {
  /**
   * Divide each column by its standard deviation (n - 1) before the decomposition (PCA of the correlation
   * matrix). False unless given: HEXACO and CSI domain scores share one 1-5 answer scale, so covariance PCA
   * keeps differences in spread between domains (which the ablation is about) and its units stay score points.
   */
  standardize?: boolean;
  /** Components kept for the projection; 2 unless given. */
  components?: number;
}

export interface PcaResult {
  /** Share of the total variance per component, all components, largest first (sums to 1). */
  explainedVarianceRatio: number[];
  /** Variance (n - 1 denominator) of each component. */
  eigenvalues: number[];
  /**
   * Unit loading vectors, one per kept component (components x columns). The sign of a principal axis is
   * arbitrary; here each is flipped so that its largest-magnitude loading is positive, which makes the output
   * deterministic (other software may show any axis mirrored).
   */
  loadings: number[][];
  /** Each row projected onto the kept components (rows x components). */
  projections: number[][];
  means: number[];
  /** Column standard deviations used for scaling (all 1 when not standardized). */
  scales: number[];
}

/** Principal component analysis of a complete numeric matrix (rows = observations), via ml-pca's SVD. */
export function principalComponents(data: readonly (readonly number[])[], options: PcaOptions = {}): PcaResult {
  const standardize = options.standardize ?? false;
  const rows = data.length;
  if (rows < 2) throw new Error(`PCA needs at least 2 rows, got ${rows}`);
  const columns = data[0].length;
  const components = options.components ?? 2;
  if (!Number.isInteger(components) || components < 1 || components > columns) {
    throw new Error(`components must be an integer in 1..${columns}, got ${components}`);
  }
  data.forEach((row, rowIndex) => {
    if (row.length !== columns) throw new Error(`row ${rowIndex} has ${row.length} values, expected ${columns}`);
    row.forEach((value, columnIndex) => {
      if (!Number.isFinite(value)) throw new Error(`row ${rowIndex}, column ${columnIndex} is not a finite number`);
    });
  });
  const matrix = data.map((row) => [...row]);
  const model = new PCA(matrix, { method: "SVD", center: true, scale: standardize });
  const eigenvalues = model.getEigenvalues();
  const explainedVarianceRatio = model.getExplainedVariance();
  const vectors = model.getEigenvectors().to2DArray(); // columns x components
  const projectedAll = model.predict(matrix, { nComponents: components }).to2DArray();
  const loadings: number[][] = [];
  const flips: number[] = [];
  for (let component = 0; component < components; component++) {
    const loading = vectors.map((row) => row[component] ?? 0);
    let largest = 0;
    for (const value of loading) if (Math.abs(value) > Math.abs(largest)) largest = value;
    const flip = largest < 0 ? -1 : 1;
    flips.push(flip);
    loadings.push(loading.map((value) => value * flip));
  }
  const projections = projectedAll.map((row) => row.slice(0, components).map((value, index) => value * flips[index]));
  const json = model.toJSON();
  return {
    explainedVarianceRatio,
    eigenvalues,
    loadings,
    projections,
    means: [...json.means],
    scales: standardize ? [...json.stdevs] : new Array<number>(columns).fill(1),
  };
}

export interface Spread {
  n: number;
  centroid: number[];
  /** Mean Euclidean distance of the points to their centroid. */
  meanDistanceToCentroid: number;
  /** Total variance: trace of the sample covariance matrix (n - 1). */
  totalVariance: number;
  /** Generalized variance: determinant of the sample covariance matrix (n - 1). */
  generalizedVariance: number;
}

function determinant(matrix: number[][]): number {
  const size = matrix.length;
  const work = matrix.map((row) => [...row]);
  let result = 1;
  for (let pivot = 0; pivot < size; pivot++) {
    let best = pivot;
    for (let row = pivot + 1; row < size; row++) if (Math.abs(work[row][pivot]) > Math.abs(work[best][pivot])) best = row;
    if (work[best][pivot] === 0) return 0;
    if (best !== pivot) {
      [work[best], work[pivot]] = [work[pivot], work[best]];
      result = -result;
    }
    result *= work[pivot][pivot];
    for (let row = pivot + 1; row < size; row++) {
      const factor = work[row][pivot] / work[pivot][pivot];
      for (let column = pivot; column < size; column++) work[row][column] -= factor * work[pivot][column];
    }
  }
  return result;
}

/** How widely a cloud of points is spread (any dimension): distance to the centroid and covariance summaries. */
export function spreadOf(points: readonly (readonly number[])[]): Spread {
  const n = points.length;
  const dimensions = points[0]?.length ?? 0;
  const centroid = new Array<number>(dimensions).fill(0);
  for (const point of points) for (let index = 0; index < dimensions; index++) centroid[index] += point[index] / n;
  if (n === 0) return { n, centroid, meanDistanceToCentroid: Number.NaN, totalVariance: Number.NaN, generalizedVariance: Number.NaN };
  let distanceTotal = 0;
  const covariance = Array.from({ length: dimensions }, () => new Array<number>(dimensions).fill(0));
  for (const point of points) {
    let squared = 0;
    for (let a = 0; a < dimensions; a++) {
      const da = point[a] - centroid[a];
      squared += da * da;
      for (let b = 0; b < dimensions; b++) covariance[a][b] += (da * (point[b] - centroid[b])) / (n - 1);
    }
    distanceTotal += Math.sqrt(squared);
  }
  const enough = n > 1;
  return {
    n,
    centroid,
    meanDistanceToCentroid: distanceTotal / n,
    totalVariance: enough ? covariance.reduce((total, row, index) => total + row[index], 0) : Number.NaN,
    generalizedVariance: enough ? determinant(covariance) : Number.NaN,
  };
}
