import { parseArgs } from "node:util";
import { MissingDataError, UsageError } from "../../errors";
import type { CliCommand } from "../command";
import { formatDataStats } from "../../data/data-stats";
import { rememberedDataStats } from "../../data/remembered-data-stats";
import { fetchData, verifyData } from "../../data/fetch-data";
import { dataDirectory } from "../../paths";

function help(): string {
  return `usage: persona-talks data <fetch|stats|verify> [options]

  fetch [--from DIR] [--force] [--dataset NAME ...]
        Download every file of data/manifest.json into the data folder and check its sha256,
        or copy from DIR (laid out like ../shared/data). Verified files are skipped unless --force.
  stats [--json]
        Count dialogues, strategies, rows, posts and personas in the data folder.
  verify
        Check the files in the data folder against the manifest without changing anything.

The data folder is $PERSONA_TALKS_DATA, else data/raw (now: ${dataDirectory()}).`;
}

async function fetchCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: "string" },
      force: { type: "boolean", default: false },
      dataset: { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help());
    return 0;
  }
  await fetchData({ from: values.from, force: values.force, datasets: values.dataset });
  return 0;
}

function statsCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help());
    return 0;
  }
  const stats = rememberedDataStats();
  console.log(values.json ? JSON.stringify(stats) : formatDataStats(stats));
  return 0;
}

function verifyCommand(args: string[]): number {
  if (args.length) throw new UsageError(`data verify takes no options (got ${args.join(" ")})`);
  const failures = verifyData();
  if (!failures.length) {
    console.log("all files present and verified");
    return 0;
  }
  // Every file on stdout; one line on stderr (exit 4, a data error, as everywhere else a data file is bad).
  for (const failure of failures) console.log(`${failure.path}: ${failure.reason}`);
  const [first] = failures;
  const more = failures.length > 1 ? ` and ${failures.length - 1} more (listed on stdout)` : "";
  throw new MissingDataError(first.path, `${first.reason}${more}; run \`npm run data -- --force\` to fetch verified copies`);
}

export const command: CliCommand = {
  summary: "get the datasets (fetch [--from DIR]), check them (verify), count them (stats [--json])",
  subcommands: ["fetch", "stats", "verify"],
  async run(args) {
    const [sub, ...rest] = args;
    try {
      switch (sub) {
        case "fetch":
          return await fetchCommand(rest);
        case "stats":
          return statsCommand(rest);
        case "verify":
          return verifyCommand(rest);
        case undefined:
          console.error(help());
          return 2;
        case "--help":
        case "-h":
        case "help":
          console.log(help());
          return 0;
        default:
          throw new UsageError(`unknown subcommand "${sub}"; use fetch, stats or verify`);
      }
    } catch (error) {
      // node:util parseArgs reports unknown options with its own error type
      if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
        throw new UsageError(error.message);
      }
      throw error;
    }
  },
};
