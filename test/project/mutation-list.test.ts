import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { projectRoot } from "../../lib/paths";
import { applyMutation, loadMutations, locateMutation, readSources, type Mutation } from "../../scripts/mutation-list";

// The lookup behind `npm run test:mutants`: a mutation's snippet is found by content wherever its lib/ file lives,
// and reported stale (not silently skipped) when it is gone or ambiguous.

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "pt-mutation-list-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const mutation: Mutation = { id: "df", area: "statistics", bug: "n - 1", find: "const degrees = n - 2;", replace: "const degrees = n - 1;", tests: ["test/stats/pearson.test.ts"] };

test("a snippet is found by content after its file and its test moved; applying it changes that snippet only", () => {
  const root = project({
    "lib/statistics/correlation/pearson.ts": "export function f(n: number) {\n  const degrees = n - 2;\n  return degrees;\n}\n",
    "lib/other.ts": "export const x = 1;\n",
    "test/statistics/pearson.test.ts": "",
  });
  try {
    assert.deepEqual(locateMutation(root, mutation), { status: "found", file: join("lib", "statistics", "correlation", "pearson.ts"), tests: [join("test", "statistics", "pearson.test.ts")] });
    const text = readSources(root).get(join("lib", "statistics", "correlation", "pearson.ts"))!;
    assert.equal(applyMutation(text, mutation), "export function f(n: number) {\n  const degrees = n - 1;\n  return degrees;\n}\n");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("stale when the snippet is gone, in two files without a telling `near`, twice in one file, or its test is gone", () => {
  const root = project({ "lib/a.ts": "const degrees = n - 3;\n", "test/stats/pearson.test.ts": "" });
  try {
    assert.deepEqual(locateMutation(root, mutation), { status: "stale", reason: "snippet not found in lib/" });
    writeFileSync(join(root, "lib", "a.ts"), "// cohen\nconst degrees = n - 2;\n");
    writeFileSync(join(root, "lib", "b.ts"), "// fleiss\nconst degrees = n - 2;\n");
    assert.match((locateMutation(root, mutation) as { reason: string }).reason, /snippet in 2 files .*add a "near"/);
    assert.equal((locateMutation(root, { ...mutation, near: ["// fleiss"] }) as { file: string }).file, join("lib", "b.ts"));
    writeFileSync(join(root, "lib", "b.ts"), "const degrees = n - 2;\nconst degrees = n - 2;\n");
    assert.match((locateMutation(root, { ...mutation, near: ["n - 2;\nconst"] }) as { reason: string }).reason, /2 times in lib\/b.ts/);
    assert.deepEqual(locateMutation(root, { ...mutation, near: ["// cohen"], tests: ["test/stats/gone.test.ts"] }), { status: "stale", reason: "test file test/stats/gone.test.ts not found" });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the list is checked at load: ids unique, every field present, a replacement differs from its snippet", () => {
  const root = project({});
  const write = (mutations: unknown[]) => writeFileSync(join(root, "list.json"), JSON.stringify({ description: "x", mutations }));
  try {
    write([mutation, mutation]);
    assert.throws(() => loadMutations(root, join(root, "list.json")), /mutation id "df" appears twice/);
    write([{ ...mutation, tests: [] }]);
    assert.throws(() => loadMutations(root, join(root, "list.json")), /list.json: mutations.0.tests/);
    write([{ ...mutation, replace: mutation.find }]);
    assert.throws(() => loadMutations(root, join(root, "list.json")), /replaces its snippet by itself/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the project's list covers the areas of issue 28 and the ten planted bugs of its table", () => {
  const mutations = loadMutations(projectRoot());
  assert.deepEqual([...new Set(mutations.map((entry) => entry.area))].sort(), ["cache key", "parser", "psychometrics", "rate limiter", "scoring", "statistics"]);
  const ids = new Set(mutations.map((entry) => entry.id));
  for (const id of [
    "pearson-degrees-of-freedom", "holm-running-maximum", "scorer-reverse-keys", "item-matrix-reverse-keys", "cache-key-system-message",
    "rate-limiter-reconciliation-sign", "answer-parser-phrase-kept", "krippendorff-pair-weight", "wilcoxon-auto-boundary", "rate-limiter-fifo-chain",
  ]) assert.ok(ids.has(id), id);
});
