import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CliCommand } from "../command";
import { UsageError } from "../../errors";
import { createStudy } from "../../annotate/study-file";
import { serveStudy } from "../../annotate/server";
import { studyResults, writeStudyResults } from "../../annotate/study-results";
import { parseWholeNumber } from "../../reports/analysis-config";
import { checkOutputDirectory } from "../../files/check-output-directory";

const USAGE = "usage: persona-talks annotate create --from RQ3_DIR --pairs N --seed S --out DIR | serve --study DIR [--port P] | results --study DIR --out OUT";

const HELP = `${USAGE}

A human evaluation of dialogues with vs without persona traits (the paper's Table 9), blind and randomized.

  create   draw N complete with/without pairs (seeded) from an \`analyze rq3\` output folder (its
           dialogues.jsonl) into a new study folder DIR (study.json, llm-judgements.jsonl)
             --from RQ3_DIR  --pairs N (default: all)  --seed S (default 1)  --out DIR
  serve    serve the annotation page on 127.0.0.1 and print its URL; answers go to DIR/judgements.sqlite
           as they are given (Ctrl-C stops; nothing is lost)
             --study DIR  --port P (default 0: a free port)
  results  Table 9 from the human judgements (win/tie/loss, sign test), inter-annotator agreement per
           criterion (Krippendorff's alpha ordinal, Fleiss' kappa, bootstrap CIs) and human vs LLM judge
             --study DIR  --out OUT  --resamples R (default 2000)  --seed S (default: the study's)

Details: docs/annotate.md`;

const SUBCOMMANDS = ["create", "serve", "results"] as const;

/** Parses `--name VALUE` flags (and --help); an unknown flag or stray word is a one-line usage error. */
function parse(args: string[], names: readonly string[]): { values: Record<string, string | undefined>; help: boolean } {
  const options: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h", default: false } };
  for (const name of names) options[name] = { type: "string" };
  try {
    const { values } = parseArgs({ args, options, allowPositionals: false, strict: true });
    const { help, ...rest } = values as Record<string, string | boolean | undefined>;
    return { values: rest as Record<string, string | undefined>, help: help === true };
  } catch (error) {
    // node:util's messages are several sentences; one line naming the flag is enough.
    const message = (error as Error).message.split("\n")[0].replace(/\. To specify.*$/, "");
    throw new UsageError(`${message}; ${USAGE}`);
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required; ${USAGE}`);
  return value;
}

export const command: CliCommand = {
  summary: "Human evaluation (Table 9): make a blind study from an rq3 run, serve the annotation page, compute results and agreement",
  async run(args) {
    const [subcommand, ...rest] = args;
    if (!subcommand || subcommand === "--help" || subcommand === "-h") {
      console.log(HELP);
      return subcommand ? 0 : 2;
    }
    if (!(SUBCOMMANDS as readonly string[]).includes(subcommand)) throw new UsageError(`unknown subcommand "${subcommand}"; ${USAGE}`);
    if (subcommand === "create") {
      const { values, help } = parse(rest, ["from", "pairs", "seed", "out"]);
      if (help) return console.log(HELP), 0;
      checkOutputDirectory(required(values.out, "--out"));
      const { directory, study } = createStudy({
        from: required(values.from, "--from"),
        out: required(values.out, "--out"),
        pairs: parseWholeNumber(values.pairs, "--pairs", 1),
        seed: parseWholeNumber(values.seed, "--seed", 0) ?? 1,
      });
      console.log(`annotate: study of ${study.pairs.length} pairs (seed ${study.seed}) written to ${directory}; serve it with: persona-talks annotate serve --study ${directory}`);
      return 0;
    }
    if (subcommand === "serve") {
      const { values, help } = parse(rest, ["study", "port"]);
      if (help) return console.log(HELP), 0;
      const port = parseWholeNumber(values.port, "--port", 0) ?? 0;
      if (port > 65535) throw new UsageError(`--port must be 0 to 65535, got ${port}`);
      const server = await serveStudy(required(values.study, "--study"), {
        port,
        onJudgement: (judgement) => process.stderr.write(`saved: ${judgement.annotator} pair ${judgement.position + 1} ${judgement.criterion} = ${judgement.answer}\n`),
      });
      console.log(`annotate: serving ${resolve(values.study!)} at ${server.url} (Ctrl-C to stop; every answer is already saved)`);
      await new Promise<void>((resolveStop) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void server.close().then(resolveStop);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      return 0;
    }
    const { values, help } = parse(rest, ["study", "out", "resamples", "seed"]);
    if (help) return console.log(HELP), 0;
    const study = required(values.study, "--study");
    const out = resolve(required(values.out, "--out"));
    checkOutputDirectory(out);
    const results = studyResults(study, {
      resamples: parseWholeNumber(values.resamples, "--resamples", 1),
      seed: parseWholeNumber(values.seed, "--seed", 0),
    });
    const files = writeStudyResults(results, out);
    const annotators = results.progress.annotators.length;
    console.log(`annotate: ${results.judgements.length} judgements by ${annotators} annotator(s) on ${results.study.pairs} pairs; wrote ${files.length} files to ${out}`);
    if (annotators < 2) console.log("annotate: agreement needs two or more annotators per pair; the agreement table shows NA until then");
    return 0;
  },
};
