// pt.stats: the statistics behind the tables, for arrays of numbers (pt.describe, pt.corr and pt.compare work on
// DataFrames and analyses).
export { mean, standardDeviation, median, quantile } from "../../stats/descriptive";
export { pearson } from "../../stats/pearson";
export { correlationMatrix } from "../../stats/correlation-matrix";
export { adjustPValues } from "../../stats/adjust";
export { wilcoxonSignedRank } from "../../stats/wilcoxon";
export { signTest } from "../../stats/sign-test";
export { chiSquareIndependence } from "../../stats/chi-square";
export { bootstrapPercentile } from "../../stats/bootstrap";
export { cohensKappa } from "../../stats/kappa";
export { principalComponents } from "../../stats/pca";
export { cronbachAlpha } from "../../psychometrics/cronbach-alpha";
export { mcdonaldOmega } from "../../psychometrics/mcdonald-omega";
