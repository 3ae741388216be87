/** Every file in lib/cli/commands/ exports one of these; its file name is the command word. */
export interface CliCommand {
  /** One line for `persona-talks --help`. */
  summary: string;
  /** Its first words, when it has several (`run extract`, `data fetch`...); the usage test tries each one. */
  subcommands?: readonly string[];
  /** Runs with the words after the command word; returns the exit code (see EXIT in lib/errors.ts). */
  run(args: string[]): Promise<number>;
}
