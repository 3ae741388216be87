import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { CliCommand } from "../command";
import { DataError, UsageError } from "../../errors";
import { compareOutputs, isVerifiedOutput } from "../../bundle/compare-outputs";
import { readBundle, sha256, writeBundle, type BundleManifest } from "../../bundle/bundle-file";
import { defaultCachePath, ResponseCache, type CacheEntry } from "../../llm/cache/response-cache";
import { startRecordingReads, stopRecordingReads } from "../../llm/cache/read-recorder";
import { projectRoot } from "../../paths";
import { checkOutputDirectory } from "../../files/check-output-directory";
import { replayAnalysis, replayableCommand } from "../replay-analysis";

const HELP = `usage: persona-talks bundle create OUT_DIR --out FILE.bundle
       persona-talks bundle verify FILE.bundle

  create   packs what an analysis folder (written by persona-talks analyze) was made from: exactly the cached
           answers it used (re-run read-only from the cache to find them, which also checks the folder is what
           they make), its output files, and a manifest (sha256 of every file, package and prompt versions,
           provider, model, seed, N, the exact command). One SQLite file in DELETE journal mode.
  verify   re-runs the analysis from the bundle alone (no key, no network, nothing written beside it) and checks
           that the tables (CSV, Markdown, LaTeX), summary.json (how the calls went aside) and the figures' specs
           come out byte for byte; exit 4 naming the first difference of each file otherwise.

An analysis can read a bundle as its cache: PERSONA_TALKS_CACHE=rq1.bundle persona-talks analyze ... --cache read-only`;

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

async function create(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) return console.log(HELP), 0;
  if (positionals.length !== 1) throw new UsageError("bundle create takes one analysis folder: persona-talks bundle create OUT_DIR --out FILE.bundle");
  if (!values.out) throw new UsageError("--out FILE.bundle is required");
  const folder = resolve(positionals[0]);
  const target = resolve(values.out);
  checkOutputDirectory(dirname(target), "--out");
  const summaryPath = join(folder, "summary.json");
  if (!existsSync(summaryPath)) throw new DataError('no summary.json: give a folder written by "persona-talks analyze"', { file: folder });
  const summary = JSON.parse(readFileSync(summaryPath, "utf8")) as Record<string, any>;
  if (!Array.isArray(summary.command)) throw new DataError("summary.json records no command (written by an older persona-talks); re-run the analysis once to record it", { file: summaryPath });
  const cachePath = defaultCachePath();
  // Re-run read-only, recording every answer read: exactly what the analysis used (and a check it reproduces).
  const reads = startRecordingReads();
  let replay;
  try {
    replay = await replayAnalysis(summary.command, { PERSONA_TALKS_CACHE: process.env.PERSONA_TALKS_CACHE });
  } finally {
    stopRecordingReads();
  }
  try {
    if (replay.code !== 0) throw new DataError(`the analysis cannot be re-run from the cache ${cachePath}: ${replay.stderr.trim().split("\n").pop()}`, { file: folder });
    const files = new Map(
      readdirSync(folder)
        .filter((name) => statSync(join(folder, name)).isFile())
        .map((name) => [name, readFileSync(join(folder, name))] as const),
    );
    const differences = compareOutputs(files, replay.out);
    if (differences.length) throw new DataError(`the folder is not what the cache and its command make (${differences[0]}${differences.length > 1 ? `; ${differences.length - 1} more` : ""})`, { file: folder });
    const provenance = (summary.provenance ?? {}) as Record<string, any>;
    const manifest: BundleManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      packageVersion: packageVersion(),
      // The provider made explicit: a re-run elsewhere must not pick another one from that machine's keys.
      command: ["persona-talks", ...replayableCommand(summary.command), ...(summary.command.includes("--provider") || summary.command.some((word: string) => word.startsWith("--provider=") || word.startsWith("--model")) ? [] : ["--provider", String(summary.provider)])],
      question: String(summary.question),
      simulated: Boolean(summary.simulated),
      provider: String(summary.provider ?? provenance.provider),
      model: String(summary.model ?? provenance.model),
      ...(typeof provenance.seed === "number" ? { seed: provenance.seed } : {}),
      ...(typeof provenance.n === "number" ? { n: provenance.n } : {}),
      ...(summary.variant?.name ? { variant: String(summary.variant.name) } : {}),
      ...(Array.isArray(provenance.prompts) ? { prompts: provenance.prompts } : {}),
      answers: 0,
      files: Object.fromEntries([...files.entries()].map(([name, bytes]) => [name, sha256(bytes)])),
    };
    // Answers decode lazily from the cache they were read from: it stays open until the bundle is written.
    const cache = new ResponseCache({ path: cachePath, mode: "read-only" });
    const entries: CacheEntry[] = [];
    try {
      for (const key of [...reads].sort()) {
        const entry = cache.entry(key);
        if (entry) entries.push(entry);
      }
      writeBundle(target, entries, files, { ...manifest, answers: entries.length });
    } finally {
      cache.close();
    }
    console.log(`bundle ${target}: ${entries.length} answers, ${files.size} files, ${(statSync(target).size / 1e6).toFixed(2)} MB; check it with: persona-talks bundle verify ${values.out}`);
    return 0;
  } finally {
    rmSync(dirname(replay.out), { recursive: true, force: true });
  }
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) return console.log(HELP), 0;
  if (positionals.length !== 1) throw new UsageError("bundle verify takes one bundle file: persona-talks bundle verify FILE.bundle");
  const path = resolve(positionals[0]);
  const { manifest, files } = readBundle(path);
  const tampered = [...files.entries()].filter(([name, bytes]) => manifest.files[name] !== sha256(bytes)).map(([name]) => name);
  if (tampered.length) throw new DataError(`stored output ${tampered.join(", ")} does not match its manifest hash`, { file: path });
  const replay = await replayAnalysis(manifest.command.slice(1), { PERSONA_TALKS_CACHE: path });
  try {
    if (replay.code !== 0) throw new DataError(`the analysis does not re-run from the bundle: ${replay.stderr.trim().split("\n").pop()}`, { file: path });
    const differences = compareOutputs(files, replay.out);
    if (differences.length) {
      for (const difference of differences) console.log(`differs: ${difference}`);
      throw new DataError(`${differences.length} output(s) differ from the re-run, first ${differences[0]}`, { file: path });
    }
    const checked = [...files.keys()].filter(isVerifiedOutput).length;
    console.log(`bundle ${path}: ${manifest.question} (${manifest.provider}:${manifest.model}, seed ${manifest.seed ?? "?"}, n ${manifest.n ?? "?"}) re-run from ${manifest.answers} stored answers; tables, summary.json and figure specs identical (${checked} files)`);
    return 0;
  } finally {
    rmSync(dirname(replay.out), { recursive: true, force: true });
  }
}

export const command: CliCommand = {
  summary: "Pack an analysis with exactly the answers it used into one replication file (create), re-run and check it anywhere (verify)",
  subcommands: ["create", "verify"],
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === "create") return create(rest);
    if (sub === "verify") return verify(rest);
    if (sub === "--help" || sub === "-h" || sub === "help") return console.log(HELP), 0;
    if (sub === undefined) return console.error(HELP), 2;
    throw new UsageError(`unknown subcommand "${sub}"; use create or verify`);
  },
};
