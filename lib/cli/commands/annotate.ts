import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CliCommand } from "../command";
import { UsageError } from "../../errors";
import { DEFAULT_SERVE_PORT, inviteAnnotators, revokeAnnotator } from "../../annotate/invite";
import { createStudy } from "../../annotate/study-file";
import { serveStudy } from "../../annotate/server";
import { studyResults, writeStudyResults } from "../../annotate/study-results";
import { parseWholeNumber } from "../../reports/analysis-config";
import { formatFixed } from "../../tables/format";
import { checkOutputDirectory } from "../../files/check-output-directory";

const USAGE =
  "usage: persona-talks annotate create --from RQ3_DIR --pairs N --seed S --out DIR | invite --study DIR (--annotators N | --names a,b) | revoke --study DIR --annotator NAME | serve --study DIR [--port P] [--host H] [--public-url URL] | results --study DIR --out OUT";

const HELP = `${USAGE}

A human evaluation of dialogues with vs without persona traits (the paper's Table 9), blind and randomized,
with private links, instructions and consent, practice pairs and attention checks.

  create   draw N complete with/without pairs (seeded) from an \`analyze rq3\` output folder (its
           dialogues.jsonl) into a new study folder DIR (study.json, protocol.json, llm-judgements.jsonl);
           edit DIR/protocol.json (instructions, consent, attention checks, exclusion rules, completion code)
           before inviting anyone
             --from RQ3_DIR  --pairs N (default: all)  --seed S (default 1)  --practice K (default 2 or what is left)  --out DIR
  invite   print one private link per annotator (a random token; only its hash is stored)
             --study DIR  --annotators N | --names a,b,c  --public-url URL (the address annotators open)
             or --port P (links to http://127.0.0.1:P/, default ${DEFAULT_SERVE_PORT})
  revoke   end an annotator's link at once (their answers stay)
             --study DIR  --annotator NAME
  serve    serve the annotation page and print its URL; answers go to DIR/judgements.sqlite as they are given
           (Ctrl-C stops; nothing is lost). One server per study.
             --study DIR  --port P (default ${DEFAULT_SERVE_PORT}; 0: a free port)  --host ADDRESS (default 127.0.0.1)
             --public-url URL (a tunnel or TLS proxy in front of this server)
  results  Table 9 from the human judgements (win/tie/loss, sign test) after the protocol's exclusions (who and
           why), inter-annotator agreement per criterion (Krippendorff's alpha ordinal, Fleiss' kappa,
           bootstrap CIs) and human vs LLM judge
             --study DIR  --out OUT  --resamples R (default 2000)  --seed S (default: the study's)

Details: docs/annotate.md`;

const SUBCOMMANDS = ["create", "invite", "revoke", "serve", "results"] as const;

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

function port(value: string | undefined, fallback: number): number {
  const parsed = parseWholeNumber(value, "--port", 0) ?? fallback;
  if (parsed > 65535) throw new UsageError(`--port must be 0 to 65535, got ${parsed}`);
  return parsed;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

async function serve(values: Record<string, string | undefined>): Promise<number> {
  const host = values.host ?? "127.0.0.1";
  const server = await serveStudy(required(values.study, "--study"), {
    port: port(values.port, DEFAULT_SERVE_PORT),
    host,
    publicUrl: values["public-url"],
    onJudgement: (judgement) => process.stderr.write(`saved: ${judgement.annotator} item ${judgement.position + 1} ${judgement.criterion} = ${judgement.answer}\n`),
  });
  if (!LOOPBACK.has(host)) {
    console.error(`annotate: warning: serving on ${host} without TLS: links and answers cross the network in clear text; put a TLS proxy (e.g. Caddy) in front or use an SSH tunnel (docs/annotate.md)`);
  }
  console.log(`annotate: serving ${resolve(values.study!)} at ${server.url} (Ctrl-C to stop; every answer is already saved); make links with: persona-talks annotate invite --study ${resolve(values.study!)} --annotators N${values["public-url"] ? ` --public-url ${values["public-url"]}` : server.port === DEFAULT_SERVE_PORT ? "" : ` --port ${server.port}`}`);
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

export const command: CliCommand = {
  summary: "Human evaluation (Table 9): make a blind study from an rq3 run, invite annotators with private links, serve the page, compute results and agreement",
  async run(args) {
    const [subcommand, ...rest] = args;
    if (!subcommand || subcommand === "--help" || subcommand === "-h") {
      console.log(HELP);
      return subcommand ? 0 : 2;
    }
    if (!(SUBCOMMANDS as readonly string[]).includes(subcommand)) throw new UsageError(`unknown subcommand "${subcommand}"; ${USAGE}`);
    if (subcommand === "create") {
      const { values, help } = parse(rest, ["from", "pairs", "seed", "practice", "out"]);
      if (help) return console.log(HELP), 0;
      checkOutputDirectory(required(values.out, "--out"));
      const { directory, study } = createStudy({
        from: required(values.from, "--from"),
        out: required(values.out, "--out"),
        pairs: parseWholeNumber(values.pairs, "--pairs", 1),
        seed: parseWholeNumber(values.seed, "--seed", 0) ?? 1,
        practice: parseWholeNumber(values.practice, "--practice", 0),
      });
      console.log(
        `annotate: study of ${study.pairs.length} pairs and ${study.practice.length} practice pairs (seed ${study.seed}) written to ${directory}; edit ${resolve(directory, "protocol.json")}, then: persona-talks annotate invite --study ${directory} --annotators N`,
      );
      return 0;
    }
    if (subcommand === "invite") {
      const { values, help } = parse(rest, ["study", "annotators", "names", "public-url", "port"]);
      if (help) return console.log(HELP), 0;
      const invitations = inviteAnnotators(required(values.study, "--study"), {
        names: values.names?.split(",").filter((name) => name.trim() !== ""),
        count: parseWholeNumber(values.annotators, "--annotators", 1),
        publicUrl: values["public-url"],
        port: port(values.port, DEFAULT_SERVE_PORT),
      });
      for (const invitation of invitations) console.log(`${invitation.annotator}\t${invitation.link}`);
      console.error(`annotate: ${invitations.length} private link(s); each is shown only now (only a hash is stored): send each one to its annotator alone`);
      return 0;
    }
    if (subcommand === "revoke") {
      const { values, help } = parse(rest, ["study", "annotator"]);
      if (help) return console.log(HELP), 0;
      const name = revokeAnnotator(required(values.study, "--study"), required(values.annotator, "--annotator"));
      console.log(`annotate: the link of ${name} no longer opens the study (their answers stay)`);
      return 0;
    }
    if (subcommand === "serve") {
      const { values, help } = parse(rest, ["study", "port", "host", "public-url"]);
      if (help) return console.log(HELP), 0;
      return serve(values);
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
    const annotators = new Set(results.judgements.map((row) => row.annotator)).size;
    const excluded = results.exclusions.filter((row) => row.excluded);
    console.log(`annotate: ${results.judgements.length} judgements by ${annotators} annotator(s) on ${results.study.pairs} pairs (${excluded.length} annotator(s) excluded); wrote ${files.length} files to ${out}`);
    for (const row of excluded) console.log(`annotate: excluded ${row.annotator}: ${row.reason}`);
    for (const row of results.agreement) {
      const ci = (interval: { low: number; high: number }) => `[${formatFixed(interval.low, 3)}, ${formatFixed(interval.high, 3)}]`;
      console.log(`annotate: ${row.criterion}: alpha ${formatFixed(row.alpha, 3)} ${ci(row.alphaInterval)}, Fleiss kappa ${formatFixed(row.fleissKappa, 3)} ${ci(row.fleissInterval)} (${row.items} pairs)`);
    }
    if (annotators < 2) console.log("annotate: agreement needs two or more annotators per pair; the agreement table shows NA until then");
    return 0;
  },
};
