// pt.charts: the paper's chart builders. Each returns a Plotly figure spec (pure data): show it with pt.show,
// write it with pt.exportFigure.
export { correlationHeatmap } from "../../charts/correlation-heatmap";
export { scoreComparisonBoxes } from "../../charts/score-comparison";
export { scoreComparisonPanels } from "../../charts/score-comparison-panels";
export { pcaScatter } from "../../charts/pca-scatter";
export { strategyDistribution } from "../../charts/strategy-distribution";
export { confusionMatrixHeatmap } from "../../charts/confusion-matrix";
export { reliabilityChart } from "../../charts/reliability-chart";
export { itemTotalChart } from "../../charts/item-total-chart";
export { variantDifferenceChart } from "../../charts/variant-difference";
