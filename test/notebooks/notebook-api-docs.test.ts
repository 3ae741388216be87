import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { notebookApiGroups, renderNotebookApiDocs, undocumented } from "../../lib/notebook/api-docs";
import * as pt from "../../lib/notebook/notebook-api";
import { projectRoot } from "../../lib/paths";

// `pt` stays small and documented: at most 40 names at its top level and 150 with its namespaces' members, each
// with TSDoc, and docs/notebook-api.md is what `npm run docs:api` writes from the declarations today.

const MAX_TOP_LEVEL = 40;
const MAX_IN_ALL = 150;

function isNamespace(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Module]";
}

test("pt has at most 40 names at its top level and 150 in all, namespace members included", () => {
  const top = Object.keys(pt);
  const members = top.flatMap((name) => {
    const value = (pt as Record<string, unknown>)[name];
    return isNamespace(value) ? Object.keys(value).map((member) => `${name}.${member}`) : [];
  });
  assert.ok(top.length <= MAX_TOP_LEVEL, `pt has ${top.length} top-level names (at most ${MAX_TOP_LEVEL}): ${top.join(", ")}`);
  assert.ok(top.length + members.length <= MAX_IN_ALL, `pt has ${top.length + members.length} names in all (at most ${MAX_IN_ALL})`);
  assert.ok(members.length > 0, "the namespaces are seen as namespaces");
  for (const plumbing of ["RUN_OPTION_KEYS", "checkRunOptions", "parseCacheMode", "withVariantFootnote", "PAPER_TABLES", "openContext"]) {
    assert.ok(!top.includes(plumbing), `${plumbing} is plumbing and stays internal`);
  }
});

const groups = notebookApiGroups();

test("every name of pt has TSDoc", () => {
  assert.deepEqual(undocumented(groups), [], "add a /** ... */ comment to these declarations, then npm run docs:api");
});

test("docs/notebook-api.md is up to date with the declarations of pt (npm run docs:api)", () => {
  const committed = readFileSync(join(projectRoot(), "docs", "notebook-api.md"), "utf8");
  const expected = renderNotebookApiDocs(groups);
  if (committed === expected) return;
  const committedLines = committed.split("\n");
  const first = expected.split("\n").findIndex((line, index) => line !== committedLines[index]);
  assert.fail(`docs/notebook-api.md is stale (first difference at line ${first + 1}: "${expected.split("\n")[first]}"); run npm run docs:api`);
});

test("the page lists every runtime name of pt", () => {
  const listed = new Set(groups.flatMap((group) => group.entries.map((entry) => entry.name)));
  const missing = Object.keys(pt).filter((name) => !listed.has(name));
  assert.deepEqual(missing, []);
});
