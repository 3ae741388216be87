import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError, MissingDataError } from "../../lib/errors";
import { projectRoot } from "../../lib/paths";
import { findDataFolder, INVENTORY_FILES, skipWithoutData } from "../support/data-folder";
import { loadInventory, loadStandardInventory, parseInventory } from "../../lib/inventory/load-inventory";
import { assertDataError } from "./assert-data-error";

const fixturePath = join(projectRoot(), "test", "fixtures", "inventory", "tiny.json");
const fixtureText = readFileSync(fixturePath, "utf8");
const FILE = "broken.json";

// A fresh, mutable copy of the fixture for each case.
function fixture(): any {
  return JSON.parse(fixtureText);
}

function expectDataError(raw: unknown, expected: { record?: string; field?: string; message: RegExp }): void {
  assertDataError(() => parseInventory(typeof raw === "string" ? raw : JSON.stringify(raw), FILE), FILE, expected);
}

test("the fixture inventory loads with its domains, items and facets", () => {
  const inventory = loadInventory(fixturePath);
  assert.equal(inventory.name, "TINY-12");
  assert.deepEqual(inventory.domains, ["Warmth", "Order", "Calm"]);
  assert.equal(inventory.items.length, 12);
  assert.equal(inventory.items.filter((item) => item.reversed).length, 4);
  assert.equal(inventory.items[2].facet, "Patience");
});

test("a duplicate item id names the item and the id field", () => {
  const raw = fixture();
  raw.items[5].id = 1;
  expectDataError(raw, { record: "items[5] (id 1)", field: "id", message: /item id 1 is already used by items\[0\]/ });
});

test("a listed domain without items is reported", () => {
  const raw = fixture();
  raw.domains.push("Spare");
  expectDataError(raw, { record: "domains[3]", field: "domains", message: /domain "Spare" has no items/ });
});

test("an item whose domain is not listed is reported", () => {
  const raw = fixture();
  raw.items[2].domain = "Calmness";
  expectDataError(raw, { record: "items[2] (id 3)", field: "domain", message: /"Calmness" is not in the inventory's "domains" list/ });
});

test("a scale whose minimum is not below its maximum is reported", () => {
  const raw = fixture();
  raw.scale = { min: 5, max: 1 };
  expectDataError(raw, { field: "scale", message: /minimum 5 must be below its maximum 1/ });
  raw.scale = { min: 3, max: 3 };
  expectDataError(raw, { field: "scale", message: /below its maximum/ });
});

test("a non-integer scale bound is reported", () => {
  const raw = fixture();
  raw.scale.min = 1.5;
  expectDataError(raw, { field: "scale.min", message: /int/i });
});

test("a field of the wrong type names the item and the field", () => {
  const raw = fixture();
  raw.items[0].reversed = "yes";
  expectDataError(raw, { record: "items[0] (id 1)", field: "reversed", message: /boolean/ });
});

test("a missing item field names the item and the field", () => {
  const raw = fixture();
  delete raw.items[3].reversed;
  expectDataError(raw, { record: "items[3] (id 4)", field: "reversed", message: /boolean/ });
});

test("a misspelt key is reported rather than ignored", () => {
  const raw = fixture();
  raw.items[3].reverse = true;
  expectDataError(raw, { record: "items[3] (id 4)", field: "reverse", message: /unknown key\(s\) "reverse"/ });
});

test("a duplicate domain and an inventory name containing ':' are reported", () => {
  const raw = fixture();
  raw.domains.push("Calm");
  expectDataError(raw, { record: "domains[3]", field: "domains", message: /listed twice/ });
  const named = fixture();
  named.name = "TINY:12";
  expectDataError(named, { field: "name", message: /must not contain ":"/ });
});

test("bad JSON is a DataError naming the file", () => {
  expectDataError('{"name": "TINY-12", ', { message: /not valid JSON/ });
});

test("a missing inventory file is a MissingDataError", () => {
  assert.throws(() => loadInventory(join(tmpdir(), "no-such-inventory.json")), MissingDataError);
});

test("a missing standard inventory tells the user how to get it", () => {
  const empty = mkdtempSync(join(tmpdir(), "inventory-data-"));
  const saved = process.env.PERSONA_TALKS_DATA;
  process.env.PERSONA_TALKS_DATA = empty;
  try {
    assert.throws(
      () => loadStandardInventory("hexaco60"),
      (error: unknown) => {
        assert.ok(error instanceof MissingDataError);
        assert.equal(error.file, join(empty, "inventories", "hexaco60.json"));
        assert.match(error.message, /npm run data/);
        assert.match(error.message, /hexaco\.org/);
        return true;
      },
    );
    assert.throws(() => loadStandardInventory("csi96"), /appendix of de Vries/);
  } finally {
    if (saved === undefined) delete process.env.PERSONA_TALKS_DATA;
    else process.env.PERSONA_TALKS_DATA = saved;
    rmSync(empty, { recursive: true, force: true });
  }
});

test("a standard inventory file holding another inventory is rejected", () => {
  const folder = mkdtempSync(join(tmpdir(), "inventory-data-"));
  const saved = process.env.PERSONA_TALKS_DATA;
  process.env.PERSONA_TALKS_DATA = folder;
  try {
    mkdirSync(join(folder, "inventories"));
    writeFileSync(join(folder, "inventories", "csi96.json"), fixtureText);
    assert.throws(
      () => loadStandardInventory("csi96"),
      (error: unknown) => {
        assert.ok(error instanceof DataError);
        assert.equal(error.location.field, "name");
        assert.match(error.message, /expected the inventory named "CSI", found "TINY-12"/);
        return true;
      },
    );
  } finally {
    if (saved === undefined) delete process.env.PERSONA_TALKS_DATA;
    else process.env.PERSONA_TALKS_DATA = saved;
    rmSync(folder, { recursive: true, force: true });
  }
});

const sharedData = findDataFolder(INVENTORY_FILES) ?? "";
test(
  "the standard inventories load from a data folder laid out like ../shared/data",
  { skip: skipWithoutData(INVENTORY_FILES, "the real inventories") },
  () => {
    const saved = process.env.PERSONA_TALKS_DATA;
    process.env.PERSONA_TALKS_DATA = sharedData;
    try {
      const hexaco = loadStandardInventory("hexaco60");
      assert.equal(hexaco.name, "HEXACO-60");
      assert.equal(hexaco.items.filter((item) => item.reversed).length, 29);
      const csi = loadStandardInventory("csi96");
      assert.equal(csi.name, "CSI");
      assert.equal(csi.items.length, 96);
      assert.equal(csi.items.filter((item) => item.reversed).length, 27);
    } finally {
      if (saved === undefined) delete process.env.PERSONA_TALKS_DATA;
      else process.env.PERSONA_TALKS_DATA = saved;
    }
  },
);
