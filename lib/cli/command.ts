/** Every file in lib/cli/commands/ exports one of these; its file name is the command word. */
export interface CliCommand {
  /** One line for `persona-talks --help`. */
  summary: string;
  /** Runs with the words after the command word; returns the exit code. */
  run(args: string[]): Promise<number>;
}
