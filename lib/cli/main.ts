import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { libraryAsset } from "../paths";
import type { CliCommand } from "./command";
import { DataError, MissingDataError, UsageError } from "../errors";

// Commands are discovered from lib/cli/commands/<word>.ts so that adding one touches no shared file.
function commandsDirectory(): string {
  return libraryAsset("cli", "commands");
}

function commandNames(): string[] {
  const directory = commandsDirectory();
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => file.slice(0, -3))
    .sort();
}

async function loadCommand(name: string): Promise<CliCommand> {
  const module = (await import(pathToFileURL(join(commandsDirectory(), `${name}.ts`)).href)) as { command: CliCommand };
  return module.command;
}

async function printHelp(): Promise<void> {
  const lines = ["usage: persona-talks <command> [options]", "", "commands:"];
  for (const name of commandNames()) {
    const command = await loadCommand(name);
    lines.push(`  ${name.padEnd(12)} ${command.summary}`);
  }
  lines.push("", "Run `persona-talks <command> --help` for a command's options.");
  console.log(lines.join("\n"));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    await printHelp();
    return name ? 0 : 1;
  }
  if (!commandNames().includes(name)) {
    console.error(`persona-talks: unknown command "${name}". Run persona-talks --help.`);
    return 2;
  }
  try {
    return await (await loadCommand(name)).run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`persona-talks ${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof DataError || error instanceof MissingDataError) {
      console.error(`persona-talks ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
