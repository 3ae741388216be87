import { test } from "node:test";
import assert from "node:assert/strict";
import { main } from "../../lib/cli/main";

test("an unknown command exits 2 and names the command", async () => {
  const errors: string[] = [];
  const original = console.error;
  console.error = (line: string) => errors.push(line);
  try {
    assert.equal(await main(["no-such-command"]), 2);
  } finally {
    console.error = original;
  }
  assert.match(errors.join("\n"), /unknown command "no-such-command"/);
});
