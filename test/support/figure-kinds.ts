import { STRATEGY_LABELS } from "../../lib/data/types";
import {
  caseStudyHtml,
  dialogueHistoryHtml,
  personaCardHtml,
  confusionMatrixHeatmap,
  correlationHeatmap,
  pcaScatter,
  scoreComparisonBoxes,
  scoreComparisonPanels,
  strategyDistribution,
  type ChartKind,
  type TextFigureKind,
  type FigureSpec,
} from "../../lib/charts/index";
import { itemTotalChart } from "../../lib/charts/item-total-chart";
import { reliabilityChart } from "../../lib/charts/reliability-chart";
import { variantDifferenceChart } from "../../lib/charts/variant-difference";
import { varianceComponentsChart } from "../../lib/charts/variance-components-chart";

const HEXACO = ["Honesty-Humility", "Emotionality", "Extraversion", "Agreeableness", "Conscientiousness", "Openness to Experience"];
const CSI = ["Expressiveness", "Preciseness", "Verbal Aggressiveness", "Questioningness", "Emotionality", "Impression Manipulativeness"];
const wave = (i: number, j: number) => Math.round(Math.sin(i * 1.7 + j * 0.9) * 80) / 100;

/** One model's made-up CSI scores and tests (`shift` varies them by model). */
function csiComparison(shift: number) {
  return {
    dimensions: CSI,
    original: Object.fromEntries(CSI.map((d, i) => [d, Array.from({ length: 30 }, (_, k) => 1 + ((k * 7 + i + shift) % 40) / 10)])),
    extracted: Object.fromEntries(CSI.map((d, i) => [d, Array.from({ length: 30 }, (_, k) => 1.2 + ((k * 5 + i + shift) % 38) / 10)])),
    tests: Object.fromEntries(CSI.map((d, i) => [d, { n: 30, p: [0.001, 0.03, 0.2, 0.0004, 0.6, 0.04][(i + shift) % 6] }])),
  };
}

/** The RQ2 box settings analyze uses. */
const CSI_BOXES = {
  testNote: "Wilcoxon signed-rank, Holm-adjusted over 6 domains",
  kind: "box" as const,
  simulated: true,
  yRange: [1, 5] as [number, number],
  seriesNames: { original: "original persona", extracted: "re-extracted persona" },
  xTitle: "CSI domain",
  yTitle: "score (1-5)",
};

/**
 * One realistic figure of every chart kind, as analyze draws them (simulated, so the SIMULATED mark is in; the
 * paper's long domain and strategy names; the largest sizes a run produces): what the print tests measure.
 */
export function sampleFigures(): Record<Exclude<ChartKind, TextFigureKind>, FigureSpec> {
  return {
    correlationHeatmap: correlationHeatmap({
      rows: HEXACO,
      columns: CSI,
      values: HEXACO.map((_, i) => CSI.map((__, j) => (i === j ? -0.67 : wave(i, j) / 2))),
      pValues: HEXACO.map((_, i) => CSI.map((__, j) => (i === j ? 0.001 : 0.2))),
      title: "HEXACO x CSI correlations (CAMS, Claude-3.5-Haiku-like simulated), n = 100",
      simulated: true,
    }),
    confusionMatrixHeatmap: confusionMatrixHeatmap({
      labels: [...STRATEGY_LABELS],
      matrix: STRATEGY_LABELS.map((_, i) => STRATEGY_LABELS.map((__, j) => (i === j ? 120 : (i * 7 + j * 3) % 17))),
      normalize: "row",
      title: "Strategy classifier on ESConv's held-out human labels (confusion matrix)",
      simulated: true,
    }),
    scoreComparisonBoxes: scoreComparisonBoxes({
      ...csiComparison(0),
      ...CSI_BOXES,
      title: "CSI: original vs re-extracted persona (LLaMA-3.1-8B-like simulated), Figure 6",
    }),
    scoreComparisonPanels: scoreComparisonPanels({
      dimensions: CSI,
      panels: ["gpt-4o-mini", "Claude-3.5-Haiku", "LLaMA-3.1-8B"].map((name, m) => ({ name: `${name}-like simulated`, ...csiComparison(m) })),
      ...CSI_BOXES,
      title: "CSI: original vs re-extracted persona per model (Figures 19-21)",
    }),
    pcaScatter: pcaScatter({
      points: ["with persona traits", "HEXACO only", "CSI only", "without"].flatMap((condition, c) =>
        Array.from({ length: 25 }, (_, k) => ({ x: Math.cos(k + c) * (1 + c), y: Math.sin(k * 1.3) * (2 - c / 2), condition })),
      ),
      explained: [0.41, 0.22],
      title: "Strategy mix per dialogue, first two principal components (Figure 8)",
      simulated: true,
    }),
    strategyDistribution: strategyDistribution({
      conditions: ["with persona traits", "HEXACO only", "CSI only"],
      strategies: [...STRATEGY_LABELS],
      shares: [0, 1, 2].map((c) => STRATEGY_LABELS.map((_, s) => (s === 0 ? 0.3 - c * 0.05 : (0.7 + c * 0.05) / 7))),
      title: "Supporter strategies by condition (Tables 5-8)",
      simulated: true,
    }),
    itemTotalChart: itemTotalChart({
      items: Array.from({ length: 60 }, (_, k) => ({ domain: HEXACO[k % 6], itemId: k + 1, reversed: k % 3 === 0, correctedItemTotal: ((k * 37) % 90) / 100 - 0.1 })),
      title: "HEXACO-60 corrected item-total correlations (ESConv)",
      simulated: true,
    }),
    reliabilityChart: reliabilityChart({
      domains: HEXACO.map((d, i) => ({ label: `HEXACO-60: ${d}`, alpha: 0.6 + i * 0.05, alphaLow: 0.5 + i * 0.05, alphaHigh: 0.7 + i * 0.04, omega: 0.62 + i * 0.05 })),
      expected: HEXACO.map((_, i) => 0.65 + i * 0.03),
      title: "Reliability per domain: Cronbach's alpha (95% bootstrap interval) and omega",
      simulated: true,
    }),
    variantDifferenceChart: variantDifferenceChart({
      dimensions: HEXACO,
      series: ["ESConv", "CAMS", "Dreaddit"].map((name, s) => ({
        name,
        difference: HEXACO.map((_, i) => wave(i, s) / 4),
        low: HEXACO.map((_, i) => wave(i, s) / 4 - 0.2),
        high: HEXACO.map((_, i) => wave(i, s) / 4 + 0.2),
        significant: HEXACO.map((_, i) => i % 2 === 0),
      })),
      title: 'Prompt variant "reworded" minus "paper": mean difference per domain',
      simulated: true,
    }),
    varianceComponentsChart: varianceComponentsChart({
      domains: [...HEXACO.map((d) => `HEXACO-60: ${d}`), "CSI: Impression Manipulativeness"],
      groups: [
        { name: "persona", shares: [0.8, 0.7, 0.9, 0.6, 0.75, 0.85, 0.5] },
        { name: "conditions (main effects)", shares: [0.1, 0.15, 0.02, 0.2, 0.1, 0.05, 0.3] },
        { name: "condition interactions", shares: [0.02, 0.05, 0.01, 0.05, 0.05, 0.02, 0.05] },
        { name: "persona x condition (with residual)", shares: [0.08, 0.1, 0.07, 0.15, 0.1, 0.08, 0.15] },
      ],
      title: "G study per domain: shares of the score variance",
      simulated: true,
    }),
  };
}

/** The Figure 10 case study as analyze writes it (HTML). */
export function sampleCaseStudy(): string {
  const turns = (side: number) =>
    Array.from({ length: 8 }, (_, k) =>
      k % 2 === 0
        ? { speaker: "seeker", text: "I have been feeling very stressed about my exams and I cannot sleep at night." }
        : { speaker: "supporter", text: "That sounds exhausting. What have you tried so far to wind down before bed?", strategy: STRATEGY_LABELS[(k + side) % 8] },
    );
  return caseStudyHtml({ left: { title: "with persona traits", turns: turns(0) }, right: { title: "without", turns: turns(3) }, simulated: true, title: "Case study (Figure 10)" });
}

/** Made-up card text as long as the paper's Figure 22 (and one unbreakable run, which must wrap inside the page too). */
const CARD = {
  age: "teenage",
  gender: "unknown",
  occupation: "Student",
  description:
    "The person is a student in their late teens who moved to a new town for school. They used to have a close group of friends but lost touch after classes went online, and they share a flat with a roommate who is rarely at home. They write to say they feel alone most evenings and wonder whether staying in school is worth it.",
  problem:
    "The person feels lonely and isolated since classes moved online and is thinking about leaving school, but worries how their parents would react. They want ideas for reconnecting with friends (https://example.org/a-very-long-unbroken-link-that-must-wrap-inside-the-page) and for feeling better day to day.",
};

/** The persona-card figures as analyze writes them: the basic card (Figure 2) and the case study's card with scores (Figure 22). */
export function samplePersonaCards(): { basic: string; withScores: string } {
  return {
    basic: personaCardHtml({ card: CARD, title: "An example persona card (Figure 2): ESConv, simulated", simulated: true }),
    withScores: personaCardHtml({
      card: CARD,
      title: "The persona card of the case study (Figure 22): ESConv dialogue esconv:train:12",
      simulated: true,
      scores: [
        { inventory: "HEXACO", scores: HEXACO.map((domain, i) => ({ domain, score: 2.5 + i * 0.4 })) },
        { inventory: "CSI", scores: CSI.map((domain, i) => ({ domain, score: i === 3 ? null : 1.9 + i * 0.3 })) },
      ],
    }),
  };
}

/** The case study's history (Figure 23) as analyze writes it: 30 made-up turns of varied length, supporter strategies named. */
export function sampleDialogueHistory(): string {
  const sentences = ["I just need help deciding what to do.", "What are you thinking about?", "I was doing fine at school, but since everything went online I barely talk to anyone, and I keep wondering whether I should go home and start again next year."];
  return dialogueHistoryHtml({
    turns: Array.from({ length: 30 }, (_, k) => ({
      speaker: k % 2 === 0 ? "supporter" : "seeker",
      text: Array.from({ length: 1 + (k % 3) }, () => sentences[(k * 7) % 3]).join(" "),
      strategy: k % 2 === 0 ? STRATEGY_LABELS[k % 8] : undefined,
    })),
    title: "The historical dialogue of the case study (Figure 23): ESConv dialogue esconv:train:12",
    simulated: true,
  });
}
