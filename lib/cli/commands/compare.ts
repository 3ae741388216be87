import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../command";
import { UsageError } from "../../errors";
import { withFigureExporter } from "../../export/figure-exporter";
import { SIMULATED_BANNER } from "../../pipeline/pipeline-context";
import { compareVariants, loadAnalysisFolder } from "../../reports/variant-comparison";
import { variantOutputDirectory } from "../../reports/variant-provenance";
import { writeComparison } from "../../reports/write-comparison";
import { checkOutputDirectory } from "../../files/check-output-directory";

const HELP = `usage: persona-talks compare DIR_A DIR_B [--out DIR]

Sets two analyses of the same question side by side (typically two prompt variants, each written by
"persona-talks analyze rqN --variant NAME --prompt ID=FILE"), paired by persona:
  - per domain: mean score difference B - A with a 95% t interval, paired Wilcoxon signed-rank p,
    and r(A, B)
  - every HEXACO x CSI correlation: r in A and B, the change, a paired bootstrap 95% interval
  - rq3: the change of every strategy share
Writes the tables (.md, .tex, .csv), a chart of the per-domain differences and summary.json.

options:
  --out DIR      default out/<question>/compare-<A>-vs-<B>
  --resamples K  bootstrap resamples for the correlation changes (default 500)
  --seed S       bootstrap seed (default 1)`;

export const command: CliCommand = {
  summary: "Compare two analysis folders (e.g. two prompt variants) side by side: score differences, correlation and strategy changes",
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        out: { type: "string" },
        resamples: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError("compare takes two folders written by persona-talks analyze: persona-talks compare DIR_A DIR_B");
    const whole = (text: string | undefined, flag: string, fallback: number) => {
      if (text === undefined) return fallback;
      const value = Number(text);
      if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a whole number >= 1, got "${text}"`);
      return value;
    };
    if (values.out !== undefined) checkOutputDirectory(values.out);
    const [a, b] = positionals.map((folder) => loadAnalysisFolder(resolve(folder)));
    const comparison = compareVariants(a, b, { resamples: whole(values.resamples, "--resamples", 500), seed: whole(values.seed, "--seed", 1) });
    const names = [comparison.a.name, comparison.b.name];
    const out = resolve(values.out ?? variantOutputDirectory(comparison.question, `compare-${names[0]}-vs-${names[1]}`));
    const log = (message: string) => process.stderr.write(`${message}\n`);
    const written = await withFigureExporter({ log }, (exporter) => writeComparison(comparison, out, { exporter }));
    console.log(
      `${comparison.simulated ? `${SIMULATED_BANNER}\n` : ""}compared ${comparison.question} variants "${names[1]}" (B) and "${names[0]}" (A) over ${comparison.summary.pairs} personas: wrote ${written.files.length} files to ${out}`,
    );
    for (const message of written.messages) console.log(message);
    return 0;
  },
};
