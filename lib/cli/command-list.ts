import type { CliCommand } from "./command";

/**
 * Every command word and how to load its module (lib/cli/commands/<word>.ts), loaded only when that command
 * runs: a fixed list rather than a folder listing, so the built CLI (dist/cli.mjs) can bundle each command as its
 * own chunk and `--help` or `data stats` loads none of the others' heavy modules. Adding a command adds a line
 * here (test/cli/command-list.test.ts checks the list against the folder).
 */
export const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  analyze: () => import("./commands/analyze"),
  annotate: () => import("./commands/annotate"),
  batches: () => import("./commands/batches"),
  bundle: () => import("./commands/bundle"),
  compare: () => import("./commands/compare"),
  data: () => import("./commands/data"),
  notebook: () => import("./commands/notebook"),
  run: () => import("./commands/run"),
  score: () => import("./commands/score"),
  strategies: () => import("./commands/strategies"),
};

export function commandNames(): string[] {
  return Object.keys(COMMANDS).sort();
}

export async function loadCommand(name: string): Promise<CliCommand> {
  return (await COMMANDS[name]()).command;
}
