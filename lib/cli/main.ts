import { commandNames, loadCommand } from "./command-list";
import { DataError, EXIT, InterruptedError, MissingDataError, ProviderError, UsageError } from "../errors";

/** One line per command for --help; the built CLI has them compiled in (scripts/build-cli.mjs), so --help loads no command. */
declare const PERSONA_TALKS_SUMMARIES: Record<string, string> | undefined;

async function summaryOf(name: string): Promise<string> {
  if (typeof PERSONA_TALKS_SUMMARIES !== "undefined" && PERSONA_TALKS_SUMMARIES[name]) return PERSONA_TALKS_SUMMARIES[name];
  return (await loadCommand(name)).summary;
}

async function printHelp(): Promise<void> {
  const lines = ["usage: persona-talks <command> [options]", "", "commands:"];
  for (const name of commandNames()) lines.push(`  ${name.padEnd(12)} ${await summaryOf(name)}`);
  lines.push("", "Run `persona-talks <command> --help` for a command's options.");
  console.log(lines.join("\n"));
}

/**
 * `--n -5` would make node:util parseArgs complain that the argument "is ambiguous"; joined as `--n=-5` the
 * command's own check says what is wrong ("--n must be a positive integer").
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index];
    const next = argv[index + 1];
    if (/^--[a-z][\w-]*$/i.test(word) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${word}=${next}`);
      index += 1;
    } else joined.push(word);
  }
  return joined;
}

/** The exit code table (docs/runner.md), applied to whatever a command threw; undefined for a bug. */
export function exitCodeOfError(error: unknown): number | undefined {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof Error && String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS")) return EXIT.usage;
  if (error instanceof ProviderError) return EXIT.provider;
  // A call error that reaches the CLI (outside the runner, or Batch polling given up) is the provider's.
  if (error instanceof Error && error.name === "ModelCallError") return EXIT.provider;
  if (error instanceof DataError || error instanceof MissingDataError) return EXIT.data;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  return undefined;
}

/**
 * The line a user sees for an error: its first line, without node:util parseArgs's advice on positionals that
 * start with "-" (this CLI takes none), so a misspelt flag reads "Unknown option '--nn'".
 */
export function userMessage(error: Error): string {
  return error.message.split("\n")[0].replace(/\. To specify a positional argument starting with a '-'.*$/, ".");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    await printHelp();
    return name ? EXIT.done : EXIT.usage;
  }
  if (!commandNames().includes(name)) {
    console.error(`persona-talks: unknown command "${name}". Run persona-talks --help.`);
    return EXIT.usage;
  }
  try {
    return await (await loadCommand(name)).run(joinNegativeValues(rest));
  } catch (error) {
    const code = exitCodeOfError(error);
    if (code === undefined) throw error;
    // One line, no stack trace: these are the user's to fix, and the message says how.
    const message = userMessage(error as Error);
    console.error(`persona-talks ${name}: ${message}${code === EXIT.usage ? ` (see persona-talks ${name} --help)` : ""}`);
    return code;
  }
}
