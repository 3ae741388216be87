/**
 * The built CLI takes its commands from a fixed list (lib/cli/command-list.ts) so each bundles as its own chunk;
 * the list must name every file in lib/cli/commands/, or a new command would be unreachable.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";
import { commandNames, loadCommand } from "../../lib/cli/command-list";
import { libraryAsset } from "../../lib/paths";

test("the command list names exactly the files in lib/cli/commands/, and each loads", async () => {
  const files = readdirSync(libraryAsset("cli", "commands"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => file.slice(0, -3))
    .sort();
  assert.deepEqual(commandNames(), files);
  for (const name of commandNames()) assert.equal(typeof (await loadCommand(name)).run, "function", name);
});
