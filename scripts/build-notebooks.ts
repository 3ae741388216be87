// Writes notebooks/*.ipynb from the cell texts below (without outputs): `node --import tsx scripts/build-notebooks.ts`.
// Edit here and rebuild, or edit the notebooks in Jupyter and run `npm run clean:notebooks` before committing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildNotebook, serializeNotebook } from "../lib/notebook/notebook-file";
import { projectRoot } from "../lib/paths";

type Cell = { md?: string; code?: string };

const LOAD: Cell = {
  code: `// Loads the library, typed: \`pt.\` completes and a wrong option is a type error in the cell. After editing a file
// under lib/, re-run this cell: the bundle and declarations are rebuilt (only when lib/ changed) and loaded.
// Prompt templates (lib/prompts/templates/*.md) are read on every call, so an edited template is used at once.
const pt: typeof import("../.jupyter/build/types/notebook/notebook-api") = require("./persona-talks.cjs").load();`,
};

function config(n: number, extra = ""): Cell {
  return {
    code: `// Configuration. PERSONA_TALKS_PROVIDER, _MODEL, _N, _SEED and _CACHE_MODE override these values (reproduce and
// the tests set them); the output says when one did. provider undefined: the first one configured (.env), else sim.
const run = pt.session({ provider: undefined, model: undefined, n: ${n}, seed: 1, cacheMode: "read-write" });${extra}
console.log(run.summary());`,
  };
}

function estimate(question: string): Cell {
  return { code: `console.log(await pt.estimateText("${question}", run.analysisOptions()));` };
}

const SIM_NOTE = `With the \`sim\` provider (the default when no key is configured) every number below is **simulated**: the
tables and charts say so. Set \`provider\` (and a key in \`.env\`) to run a real model; the estimate cell shows what
it would cost before anything is called, and every answer is cached, so re-running costs nothing.`;

const notebooks: Record<string, Cell[]> = {
  "00-data": [
    {
      md: `# 00 · The data: datasets, persona cards, Table 1

**Question.** What do the source datasets contain, and what persona cards can be extracted from them (Section 3)?

**Data.** ESConv (dialogues), CAMS and Dreaddit (Reddit posts), PersonaHub (personas for RQ2), from the data folder
(\`npm run data\`; \`PERSONA_TALKS_DATA\` points elsewhere).

**Models.** Persona extraction (Figure 11) and the filter (Figure 14) run on the configured provider/model.

**Prompts.** \`extract-persona.v1\`, \`filter-persona.v1\` (versions and hashes in force are printed below).

${SIM_NOTE}`,
    },
    LOAD,
    config(10),
    { code: `pt.showTables(pt.promptTable(pt.NOTEBOOK_PROMPTS.data));` },
    { md: `## Cost estimate (dry run: nothing is called)` },
    estimate("rq1"),
    { md: `(The estimate above covers all of RQ1; this notebook runs only its first two stages: extraction and filtering.)

## Stage by stage: ESConv

Each stage is one call on the session and returns its rows; \`pt.show\` shows the first rows, the counts and every
failure with its reason. Extraction takes 2n cards (at least 10) so that about n survive the filter.` },
    { code: `// Figure 11: one persona card per ESConv dialogue (the seeker's).\nconst cards = await run.extract("esconv");\npt.show(cards);` },
    { code: `// Figure 14: the filter's verdict and the model's reason per card; verdicts.kept holds the cards kept.\nconst verdicts = await run.filter(cards);\npt.show(verdicts);` },
    { code: `// The kept cards as a DataFrame (every stage result converts in one call).\nconst kept = pt.toDataFrame(verdicts.kept, { index: "id", columns: ["id", "age", "gender", "occupation", "problem"] });\npt.show(kept, { limit: 5 });` },
    { md: `## All three datasets (extract and filter; the same cached calls for ESConv)` },
    { code: `const data = await pt.dataOverview({ ...run.analysisOptions(), onStep: console.log });` },
    { md: `## The datasets and Table 1` },
    { code: `pt.showTables(data.tables);` },
    { md: `A few cards as the model wrote them:` },
    { code: `data.cards.slice(0, 3).map(({ id, age, gender, occupation, description, problem, status }) => ({ id, status, age, gender, occupation, description, problem }));` },
    {
      md: `## Beside the paper

Every number below is computed from the paper's tables held in the library (\`lib/reports/paper-numbers.json\`); the
comparison table above (\`paper-table1\`) puts this run's numbers beside them.`,
    },
    { code: `pt.besideThePaper("data").forEach((sentence) => pt.showNote(sentence));` },
    { md: `## Export` },
    { code: `const written = pt.writeTables(data.tables, pt.outputDirectory("data"));\nconsole.log(\`wrote \${written.length} files to \${pt.outputDirectory("data")}\`);` },
  ],

  "01-rq1-traits": [
    {
      md: `# 01 · RQ1: can LLMs infer stable persona traits? (Section 4)

**Question.** For persona cards of ESConv, CAMS and Dreaddit, the model describes each HEXACO and CSI dimension
(Figure 12) and answers all HEXACO-60 and CSI statements (Figure 13). Is each HEXACO domain most strongly
correlated with its theoretical CSI partner (Extraversion–Expressiveness, Conscientiousness–Preciseness,
Agreeableness–Verbal Aggressiveness, Openness–Questioningness, Emotionality–Emotionality,
Honesty-Humility–Impression Manipulativeness)?

**Data.** N cards per dataset (filtered, Figure 14). **Models.** The configured provider/model (the paper:
gpt-4o-mini, Claude-3.5-Haiku, LLaMA-3.1-8B-Instruct, temperature 0).

**Prompts.** \`extract-persona.v1\`, \`filter-persona.v1\`, \`describe-traits.v1\`, \`answer-statement.v1\`.

**Outputs.** Table 1, Tables 2-4 / 10-15 (one correlation table per dataset and model, strongest per row in bold),
the alignment check, correlations with 95% CIs, heatmaps; then a worked prompt variant (a reworded
\`answer-statement\`) set beside the paper's prompts.

${SIM_NOTE}`,
    },
    LOAD,
    config(20),
    { code: `pt.showTables(pt.promptTable(pt.NOTEBOOK_PROMPTS.rq1));` },
    { md: `## Cost estimate (dry run: nothing is called)` },
    estimate("rq1"),
    { md: `## Stage by stage: ESConv (cached: a re-run is free, an interrupted run resumes)

Each stage is one call on the session, takes the previous stage's result and returns its rows; \`pt.show\` shows
the first rows, the counts and every failure with its reason.` },
    { code: `// Figure 11: persona cards (2n, at least 10, so that about n survive the filter).\nconst cards = await run.extract("esconv");\npt.show(cards);` },
    { code: `// Figure 14: the filter's verdict with the model's reason.\nconst verdicts = await run.filter(cards);\npt.show(verdicts);` },
    { code: `// Figure 12: one trait sentence per HEXACO and CSI dimension, for the first n kept cards.\nconst traits = await run.describe(verdicts);\npt.show(traits);` },
    { code: `// Figure 13: every statement, one per prompt: the raw answer and whether it could be read (never imputed).\nconst answers = await run.answer(traits);\npt.show(answers);` },
    { code: `// One row per persona, one column per domain (a danfojs DataFrame, indexed by persona id).\nconst scores = pt.score(answers);\npt.show(scores);` },
    { md: `## Explore the scores like a DataFrame

\`pt.describe\`, \`pt.groupMean\` and \`pt.corr\` use the numeric columns only and skip missing values.` },
    { code: `pt.show(pt.describe(scores));` },
    { code: `// The RQ1 matrix for these personas: r, p, 95% CI and n per cell, the alignment check.\nconst esconvCorrelations = pt.corr(scores, { rows: "HEXACO-60", columns: "CSI" });\n// The table here; pt.show(esconvCorrelations) also draws .heatmap (the heatmaps of all datasets follow below).\npt.show(esconvCorrelations.table);` },
    { md: `## All three datasets (the ESConv stages above come from the cache)` },
    { code: `const rq1 = await pt.analyzeRq1({ ...run.analysisOptions(), onStep: console.log });\nconsole.log(run.context.ledger.formatTable());` },
    { code: `// Mean score per dataset (text and boolean columns are left out by themselves).\npt.show(pt.groupMean(pt.score(rq1.scores), "dataset"));` },
    { md: `## Tables 1, 2-4 and 10-15, the alignment check` },
    { code: `pt.showTables(rq1.tables.filter((table) => !table.name?.startsWith("paper-")));` },
    { md: `## Heatmaps` },
    { code: `pt.showFigures(rq1.figures);` },
    {
      md: `## Beside the paper

What the paper states (quoted) and what its Tables 2-4 and 10-15 show (computed from the numbers held in the
library, with the same definition of "aligned" as this run's tables); this run's paired correlations and alignment
sit beside them in the table after.`,
    },
    { code: `pt.besideThePaper("rq1").forEach((sentence) => pt.showNote(sentence));` },
    { code: `pt.showTables(rq1.tables.filter((table) => table.name?.startsWith("paper-")));` },
    { md: `## Export (tables as .md/.tex/.csv, figures as .html/.png/.svg/.pdf, scores.csv, summary.json) into out/rq1/paper` },
    { code: `console.log((await pt.exportAnalysis(rq1)).summary);` },
    {
      md: `## Several models side by side (Tables 2-4 read across models)

The models list below measures the same ESConv personas with each model: the cards are extracted and filtered once,
by the first model, so the comparison is paired. Per model: the paired correlations with 95% CIs and which rows
align (one definition of "aligned": the paired CSI domain has the largest |r| of its HEXACO row); per two models:
the difference of each paired r with a paired bootstrap CI over personas. Offline the list holds two simulated
models with different documented truths; with keys, e.g. \`["openai:gpt-4o-mini", "anthropic:claude-3-5-haiku-20241022",
"local:meta-llama/Llama-3.1-8B-Instruct"]\` (see docs/models.md).`,
    },
    { code: `const models = pt.openModels(["sim:aligned", "sim:llama-like"], { seed: run.config.seed });\nconst rq1Models = await pt.analyzeRq1Models({ models, n: run.config.n, seed: run.config.seed, datasets: ["esconv"], onStep: console.log });\npt.showTables(rq1Models.tables.filter((table) => table.name === "rq1-models-alignment" || table.name === "rq1-models-differences"));` },
    {
      md: `## Try a prompt variant and compare

A reworded \`answer-statement\` prompt as a named variant: only the answer calls are new (everything before them
comes from the cache), and every result of the variant carries its name and the hash of each prompt in force (score
rows, table notes, figure footnotes, \`summary.json\`). It is exported into its own folder, \`out/rq1/reworded\`;
the paper-prompt export above is untouched. On sim, a reworded prompt keeps each persona's traits but draws new
response noise, so the comparison shows small differences.`,
    },
    { code: `const reworded = pt.variant("reworded", {\n  "answer-statement": pt.prompts.edit("answer-statement", (text) =>\n    text.replace("Please answer the statement even if you're not completely sure.", "Answer as this person would, even when unsure.")),\n});\nconst rewordedRun = run.variant(reworded);\n// Stage level: the same ESConv personas, answered with the reworded prompt.\npt.show(pt.score(await rewordedRun.answer(traits)));` },
    { code: `const rq1Reworded = await pt.analyzeRq1({ ...rewordedRun.analysisOptions(), onStep: console.log });\nconst comparison = pt.compare(rq1, rq1Reworded);   // per-domain B - A with 95% CI and Wilcoxon p; correlation changes\npt.showTables(comparison.tables);\npt.showFigures(comparison.figures);` },
    { code: `console.log((await pt.exportAnalysis(rq1Reworded)).summary);   // out/rq1/reworded` },
  ],

  "02-rq2-consistency": [
    {
      md: `# 02 · RQ2: do persona traits survive dialogue generation? (Section 5)

**Question.** PersonaHub personas are expanded with socio-demographics and trait statements (Figure 15) and
scored; each acts as the seeker of a generated ESC dialogue (Figure 17); a persona is re-extracted from the
dialogue and scored again. Do the scores stay the same (Figures 5-7 for HEXACO, 19-21 for CSI)? And do dialogues
generated *without* a persona spread less in trait space (Section 5.3, Figure 8)?

**Data.** N PersonaHub personas (the paper: 1,000). **Models.** The configured provider/model.

**Prompts.** \`expand-persona.v1\`, \`generate-dialogue.v1\`, \`extract-persona-from-dialogue.v1\`,
\`describe-traits.v1\`, \`answer-statement.v1\`.

**Outputs.** Per-dimension mean shift, paired Wilcoxon signed-rank test and effect size; box plots; the PCA
ablation with explained variance and spread per condition.

${SIM_NOTE}`,
    },
    LOAD,
    config(20),
    { code: `pt.showTables(pt.promptTable(pt.NOTEBOOK_PROMPTS.rq2));` },
    { md: `## Cost estimate (dry run: nothing is called)` },
    estimate("rq2"),
    { md: `## Stage by stage (cached)` },
    { code: `// Figure 15: n PersonaHub personas expanded into cards with trait statements.\nconst expanded = await run.expand();\npt.show(expanded);` },
    { code: `// The expanded personas answer HEXACO-60 and CSI (Figure 13) and are scored.\nconst originalAnswers = await run.answer(expanded);\npt.show(pt.score(originalAnswers));` },
    { code: `// Figure 17: one emotional support dialogue per persona, with the supporter's strategy per turn.\nconst dialogues = await run.generate(expanded, { condition: "persona" });\npt.show(dialogues);` },
    { code: `// Section 5.1: the seeker's persona re-extracted from each generated dialogue.\nconst reextracted = await run.reextract(dialogues);\npt.show(reextracted);` },
    { code: `// The re-extracted personas described and measured again.\nconst reAnswers = await run.answer(await run.describe(reextracted));\npt.show(pt.score(reAnswers));` },
    { md: `## The full analysis: original vs re-extracted, and the no-persona ablation (the stages above come from the cache)` },
    { code: `const rq2 = await pt.analyzeRq2({ ...run.analysisOptions(), onStep: console.log });\nconsole.log(run.context.ledger.formatTable());` },
    { md: `## Consistency per dimension and the PCA spread` },
    { code: `pt.showTables(rq2.tables.filter((table) => !table.name?.startsWith("paper-")));` },
    { md: `## Figures 5-7 / 19-21 (this model) and Figure 8` },
    { code: `pt.showFigures(rq2.figures);` },
    {
      md: `## Beside the paper

What the paper states about Figures 5-8 (quoted); this run's shifts and Wilcoxon p-values sit beside its directions
in the table after:`,
    },
    { code: `pt.besideThePaper("rq2").forEach((sentence) => pt.showNote(sentence));` },
    { code: `pt.showTables(rq2.tables.filter((table) => table.name?.startsWith("paper-")));\nconsole.log(rq2.report.ablation?.spread.map((spread) => \`\${spread.condition}: mean distance to centroid \${spread.projected.meanDistanceToCentroid.toFixed(3)}\`).join("\\n"));` },
    { md: `## Export` },
    { code: `console.log((await pt.exportAnalysis(rq2)).summary);` },
  ],

  "03-rq3-strategies": [
    {
      md: `# 03 · RQ3: do persona traits change the support strategies? (Section 6)

**Question.** ESConv dialogues are continued by the model with the seeker's trait scores (both inventories,
HEXACO only, CSI only: Figure 16) and without them (Figure 18). Does the distribution of the 8 support strategies
change (Tables 5-8)? Which continuation does a judge prefer (Table 9)? How do the dialogues look (Table 16,
Figure 10)? And does the generator's own strategy labelling agree with an independent strategy classifier?

**Data.** N ESConv dialogues as history. **Models.** The configured provider/model; the strategy classifier is
trained on ESConv's train split (\`npm run train:strategies\`, a few minutes, once).

**Prompts.** \`extract-persona.v1\`, \`describe-traits.v1\`, \`answer-statement.v1\`, \`continue-with-traits.v1\`,
\`continue-without-traits.v1\`, \`judge-pair.v1\`.

${SIM_NOTE}`,
    },
    LOAD,
    config(10, `\n// Strategy classifier: "auto" uses artifacts/strategy-classifier.json if trained, "train" trains it (minutes, once), "off".\nconst classifierMode = pt.parseClassifierMode(process.env.PERSONA_TALKS_CLASSIFIER, "PERSONA_TALKS_CLASSIFIER") ?? "auto";`),
    { code: `pt.showTables(pt.promptTable(pt.NOTEBOOK_PROMPTS.rq3));` },
    { md: `## Cost estimate (dry run: nothing is called)` },
    estimate("rq3"),
    { md: `## The strategy classifier` },
    { code: `const choice = await pt.chooseStrategyClassifier(classifierMode);\nconsole.log(choice.message);\nif (choice.evaluation) console.log(pt.formatEvaluation(choice.evaluation));` },
    { md: `## Stage by stage (cached)` },
    { code: `// n ESConv dialogues (sampled with the seed) as the histories to continue.\nconst histories = run.dialogues();\nconsole.log(histories.map((dialogue) => \`\${dialogue.id}: \${dialogue.turns.length} turns\`).join("\\n"));` },
    { code: `// The seekers measured first (Section 4's method without the filter): cards, trait sentences, answers, scores.\nconst seekers = await run.extract(histories);\nconst seekerAnswers = await run.answer(await run.describe(seekers));\npt.show(pt.score(seekerAnswers));` },
    { code: `// Figure 16: continued with the seeker's HEXACO and CSI scores, with the generator's strategy labels.\nconst withTraits = await run.continue(histories, { traits: "both", scores: seekerAnswers });\npt.show(withTraits);` },
    { code: `// Figure 18: continued without traits.\nconst withoutTraits = await run.continue(histories, { traits: "none" });\npt.show(withoutTraits);` },
    { md: `## The full analysis: all four conditions, the judge, Tables 5-9 (the stages above come from the cache)` },
    { code: `const rq3 = await pt.analyzeRq3({ ...run.analysisOptions(), classifier: choice.classifier, evaluation: choice.evaluation, onStep: console.log });\nconsole.log(run.context.ledger.formatTable());` },
    { md: `## Tables 5-8 (strategy shares, chi-square, residuals), Table 16 and Table 9` },
    { code: `pt.showTables(rq3.tables.filter((table) => !table.name?.startsWith("paper-")));` },
    { md: `## Strategy distributions, the classifier's confusion matrix and the generator-vs-classifier agreement` },
    { code: `pt.showFigures(rq3.figures);\nif (rq3.agreement) console.log(\`Cohen's kappa, generator labels vs classifier: \${rq3.agreement.kappa.kappa.toFixed(3)} over \${rq3.agreement.n} supporter turns\`);\nelse pt.showNote(choice.message, { warning: true });` },
    { md: `## Case study (Figure 10)` },
    { code: `pt.showFigures(rq3.documents);` },
    {
      md: `## Beside the paper

The paper's Tables 5, 8, 9 and 16, summarized from the numbers held in the library; this run beside them after:`,
    },
    { code: `pt.besideThePaper("rq3").forEach((sentence) => pt.showNote(sentence));` },
    { code: `pt.showTables(rq3.tables.filter((table) => table.name?.startsWith("paper-")));` },
    {
      md: `## Role-play generation: distinct information states (the paper's Limitations)

The same histories continued turn by turn by two agents: the seeker agent knows its persona card, the supporter
agent only the conversation (and, in the with-traits condition, the seeker's scores, as in the paper's RQ3). Each
turn is one cached call. Then the two modes side by side: strategy shares with bootstrap CIs and the chi-square of
mode x strategy per condition, and Table 16's measures per mode (docs/role-play.md).`,
    },
    { code: `const rq3RolePlay = await pt.analyzeRq3({ ...run.analysisOptions(), conditions: ["both", "none"], judge: false, generation: "role-play", onStep: console.log });\nconst modes = pt.compareRq3Modes({ omniscient: rq3, "role-play": rq3RolePlay });\npt.showTables(modes.tables.filter((table) => table.name?.startsWith("rq3-modes-")));\npt.showFigures(modes.figures.filter((figure) => figure.name === "rq3-modes-strategies-both"));` },
    { md: `## Export` },
    { code: `console.log((await pt.exportAnalysis(rq3)).summary);` },
  ],

  "04-psychometrics": [
    {
      md: `# 04 · Psychometrics: are the model's inventory answers reliable and valid measurements?

**Question.** Before correlating HEXACO with CSI (RQ1) or comparing scores before and after generation (RQ2): do
the model's answers to HEXACO-60 and CSI hang together as measurements (Cronbach's alpha, McDonald's omega,
corrected item-total correlations), are they stable across repeated samples (ICC), and could a failed HEXACO x CSI
alignment be explained by unreliable measurement (disattenuated correlations)?

**Data.** The RQ1 personas: N filtered ESConv persona cards (add CAMS and Dreaddit with \`datasets\`).
**Models.** The configured provider/model; every statement answered \`samples\` times at \`temperature\`.

**Prompts.** \`extract-persona.v1\`, \`filter-persona.v1\`, \`describe-traits.v1\`, \`answer-statement.v1\`.

**Statistics** (lib/psychometrics, checked against R's psych package): alpha with a bootstrap 95% CI, omega total
from a one-factor minres model, item-total correlations with flagged items (negative or < .2), ICC(2,1) and
ICC(2,K), the share of identical answers, the multitrait-multimethod view. Details: docs/analysis.md.

${SIM_NOTE}`,
    },
    LOAD,
    config(20, `\n// Two samples at temperature 0 show whether the provider is deterministic (the sim is); raise the temperature to see sample noise.\nconst psychometricsOptions = { datasets: ["esconv"], samples: 2, temperature: 0 };`),
    { code: `pt.showTables(pt.promptTable(pt.NOTEBOOK_PROMPTS.rq1));` },
    { md: `## Cost estimate (dry run: nothing is called; the second sample doubles the answer calls)` },
    { code: `console.log(await pt.estimateText("psychometrics", { ...run.analysisOptions(), datasets: psychometricsOptions.datasets }));` },
    { md: `## Stage by stage: the ESConv personas and their raw answers (cached; the analysis below re-uses them)` },
    { code: `// Figure 11: persona cards (2n, at least 10, so that about n survive the filter).\nconst cards = await run.extract("esconv");\npt.show(cards);` },
    { code: `// Figure 14: the filter's verdict with the model's reason.\nconst verdicts = await run.filter(cards);\npt.show(verdicts);` },
    { code: `// Figures 12 and 13: trait sentences, then every statement: the raw answer and whether it could be read.\nconst answers = await run.answer(await run.describe(verdicts));\npt.show(answers);` },
    { md: `## Measure the personas (every statement answered \`samples\` times; the first sample is the RQ1 answer)` },
    {
      code: `const psy = await pt.analyzePsychometrics({ ...run.analysisOptions(), ...psychometricsOptions, onStep: console.log });\nconsole.log(run.context.ledger.formatTable());\nconst table = (name: string) => psy.tables.filter((entry) => entry.name === name);`,
    },
    { md: `## Raw answers (one row per persona and sample, one column per item id; answers-<inventory>.csv)` },
    { code: `psy.answerFiles.map((file) => \`\${file.name}: \${file.csv.split("\\n").length - 2} rows\`);` },
    { md: `## Reliability per domain: alpha (bootstrap 95% CI) and omega total` },
    { code: `pt.showTables(table("psychometrics-reliability"));\npt.showFigures(psy.figures.filter((figure) => figure.name === "psychometrics-reliability"));` },
    { md: `## Reliability per facet (alpha only: many HEXACO-60 facets have two items)` },
    { code: `pt.showTables(table("psychometrics-facets"));` },
    { md: `## Item-total correlations and flagged items (a negative value on a reversed item: the model misread the reversal)` },
    { code: `pt.showTables(table("psychometrics-flagged-items"));\npt.showFigures(psy.figures.filter((figure) => figure.name.startsWith("psychometrics-item-total")));` },
    { md: `## Validity beside RQ1: observed and disattenuated HEXACO x CSI correlations` },
    { code: `pt.showTables(psy.tables.filter((entry) => entry.name?.startsWith("psychometrics-mtmm")));` },
    { md: `## Stability across samples: ICC(2,1), ICC(2,K), identical answers` },
    { code: `pt.showTables(table("psychometrics-stability"));` },
    {
      md: `## Beside the paper

The paper correlates the HEXACO and CSI scores directly (Section 4) and reports no reliability of the model's
answers. The disattenuated correlations above show whether an alignment failure its Tables 2-4 report could come
from unreliable measurement rather than from the model's picture of the persona.`,
    },
    { code: `pt.besideThePaper("rq1").forEach((sentence) => pt.showNote(sentence));` },
    { md: `## Export (tables, figures, answers-<inventory>.csv, scores.csv, summary.json)` },
    {
      code: `const directory = pt.outputDirectory("psychometrics");\nconsole.log((await pt.exportAnalysis(psy, directory)).summary);\nconsole.log(pt.writeAnswerFiles(psy, directory).join("\\n"));`,
    },
  ],
};

const directory = join(projectRoot(), "notebooks");
for (const [name, cells] of Object.entries(notebooks)) {
  const path = join(directory, `${name}.ipynb`);
  writeFileSync(path, serializeNotebook(buildNotebook(name, cells)));
  console.log(`wrote ${path}`);
}
