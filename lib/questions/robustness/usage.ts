import { inventoryHelp } from "../../inventory/inventory-option";
import { CONDITION_FACTORS } from "./grid-design";
import { FACTOR_LEVELS } from "../../pipeline/answer-condition";

/** `analyze robustness --help`. */
export const ROBUSTNESS_USAGE = `usage: persona-talks analyze robustness --out DIR [--factor NAME[=LEVEL,...]]... [--design full|half] [options]

Do the inventory scores survive how the items are asked? Measures the RQ1 personas (persona cards extracted and
filtered, traits described, through the response cache), answers every statement under every cell of a factorial
design of the answer stage, and writes into DIR: robustness-cells (the cells and their answers), robustness-shifts
(per factor level and domain, the mean shift from the reference level with a 95% CI, paired over personas),
robustness-rank-stability (Spearman's rho of the persona scores with the reference cell, 95% CI), robustness-g-study
(variance components per domain: persona, each factor, persona x factor, residual; a negative estimate set to 0 and
said), robustness-alignment (with two paired inventories: per expected pair, the share of cells in which it is
aligned), a shift chart per inventory, scores.csv (one row per persona and cell) and summary.json. The paper cell
(paper item order, paper option order, digits, paper wording) is the ordinary run: its answers are the cached
answers of analyze rq1/psychometrics. Details: docs/robustness.md.

factors (default: all four at all their levels, 2 x 2 x 2 x 3 = 24 conditions):
${CONDITION_FACTORS.map((factor) => `  ${factor.padEnd(12)} ${FACTOR_LEVELS[factor].join(", ")}`).join("\n")}
  The first level listed for each factor is the paper's; shifts are measured from it (from the first level given
  when the paper's is left out).

options:
  --out DIR             where to write (required)
  --n N                 personas per dataset; default 20
  --factor NAME         repeatable: vary this factor at all its levels; NAME=a,b picks levels (at least two),
                        e.g. --factor optionOrder --factor wording=paper,paraphrase-1. Factors not named stay at
                        the paper's level
  --design D            full (default: every combination) or half: a regular half fraction of the two-level
                        factors (at least three; defining relation I = +-ABC..., resolution = their number, so with
                        three a main effect is aliased with the other two's interaction), crossed with the others
  --repeats K           answer every statement K times (the sample index is a factor; needs --temperature T > 0)
  --temperature T       temperature of the answer stage; default 0 (the paper)
  --max-calls N         refuse a grid that plans more than N calls (cached ones included), before anything is sent
  --dataset D           repeatable: esconv, cams, dreaddit (default esconv)
${inventoryHelp("every one is answered in every cell; the first two give the alignment share (default: hexaco60 and csi96 when both files are present, else ipip-neo-120)")}
  --provider P          sim|openai|anthropic|local; default: the first one configured, else sim
  --model M             default: the provider's first model in lib/llm/models.json
  --seed S              sampling seed, and the per-persona item shuffle (default 1)
  --cache MODE          read-write (default) | read-only | off
  --concurrency K       calls in flight (default 8)
  --dry-run             print the design, the calls and cost per condition and the total, and exit without calling anything
  --quiet               no progress bars`;
