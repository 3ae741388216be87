// pt.classifier: the RQ3 strategy classifier (an independent label per supporter turn).
export { parseClassifierMode, chooseStrategyClassifier } from "../../reports/classifier-choice";
export { formatEvaluation } from "../../classifier/report";
