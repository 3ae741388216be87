// pt.classifier: the RQ3 strategy classifier (an independent label per supporter turn).
export { parseClassifierMode, chooseStrategyClassifier } from "../../questions/rq3/classifier-choice";
export { formatEvaluation } from "../../classifier/report";
