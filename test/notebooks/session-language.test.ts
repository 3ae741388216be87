import assert from "node:assert/strict";
import { test } from "node:test";
import { UsageError } from "../../lib/errors";
import type { Inventory } from "../../lib/inventory/index";
import { openSession } from "../../lib/notebook/notebook-session";

// The notebook equivalent of --language: pt.session({ inventories: ["ipip-neo-120"], language: "de" }).

test("a session with a language answers the package inventory in it; a language without templates is refused at once", () => {
  const session = openSession({ provider: "sim", inventories: ["ipip-neo-120"], language: "de" }, {});
  const [inventory] = session.analysisOptions().inventories as Inventory[];
  assert.equal(inventory.language, "de");
  assert.equal(inventory.items[0].text, "Ich mache mir oft Sorgen");
  assert.throws(() => openSession({ provider: "sim", inventories: ["ipip-neo-120"], language: "fr" }, {}), (error: unknown) => error instanceof UsageError && /no answer prompt for language "fr"/.test(error.message));
  assert.throws(() => openSession({ provider: "sim", language: "de" }, {}), (error: unknown) => error instanceof UsageError && /--language applies to inventories from a package/.test(error.message));
});
