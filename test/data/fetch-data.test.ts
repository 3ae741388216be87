import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchData, keepFirstUniquePersonas, sha256Hex, verifyData } from "../../lib/data/fetch-data";
import { loadManifest, parseManifest, type DataManifest } from "../../lib/data/manifest";
import { loadPersonaHub } from "../../lib/data/personahub";
import { MissingDataError } from "../../lib/errors";
import { fixture, SHARED_DATA, skipWithoutSharedData } from "./helpers";

function entry(path: string, url: string | null, extra: Partial<DataManifest["files"][number]> = {}) {
  return {
    dataset: path.split("/")[0],
    path,
    url,
    sha256: sha256Hex(readFileSync(fixture(path))),
    license: "test",
    citation: "test",
    ...extra,
  };
}

function fixtureManifest(): DataManifest {
  return {
    version: 1,
    files: [
      entry("esconv/train.jsonl", "http://127.0.0.1:1/esconv/train.jsonl"),
      entry("cams/added_CAMS_data.csv", "http://127.0.0.1:1/cams/added_CAMS_data.csv"),
      entry("personahub/personas.jsonl", null, { instructions: "make it by hand" }),
    ],
  };
}

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), "persona-talks-data-"));
}

test("the project manifest is valid and lists every dataset file once", () => {
  const manifest = loadManifest();
  const paths = manifest.files.map((file) => file.path);
  assert.equal(new Set(paths).size, paths.length);
  for (const expected of ["esconv/train.jsonl", "cams/added_CAMS_data.csv", "dreaddit/dreaddit-test.csv", "personahub/personas.jsonl", "inventories/hexaco60.json"]) {
    assert.ok(paths.includes(expected), expected);
  }
  for (const file of manifest.files) {
    assert.ok(file.url !== null || file.instructions, `${file.path} needs a url or instructions`);
  }
  assert.throws(() => parseManifest('{"version": 1, "files": [{"path": "/etc/passwd"}]}', "m.json"), /m\.json/);
});

test("fetch --from copies, verifies, skips verified files and replaces a corrupt one", async () => {
  const target = temporaryDirectory();
  const lines: string[] = [];
  try {
    const first = await fetchData({ from: fixture(), directory: target, manifest: fixtureManifest(), log: (line) => lines.push(line) });
    assert.deepEqual(first.map((file) => file.status), ["copied", "copied", "copied"]);
    assert.equal(readFileSync(join(target, "esconv", "train.jsonl"), "utf8"), readFileSync(fixture("esconv", "train.jsonl"), "utf8"));
    assert.ok(lines.some((line) => /\[1\/3\] esconv\/train\.jsonl: copied .*sha256 ok/.test(line)), lines.join("\n"));

    writeFileSync(join(target, "cams", "added_CAMS_data.csv"), "damaged");
    const second = await fetchData({ from: fixture(), directory: target, manifest: fixtureManifest(), log: () => {} });
    assert.deepEqual(second.map((file) => file.status), ["verified", "copied", "verified"]);
    assert.deepEqual(verifyData({ directory: target, manifest: fixtureManifest() }), []);

    const forced = await fetchData({ from: fixture(), directory: target, manifest: fixtureManifest(), force: true, log: () => {} });
    assert.deepEqual(forced.map((file) => file.status), ["copied", "copied", "copied"]);
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
});

test("fetch --from a folder with a corrupt file: one MissingDataError naming the file and the remedy", async () => {
  const source = temporaryDirectory();
  const target = temporaryDirectory();
  try {
    cpSync(fixture(), source, { recursive: true });
    writeFileSync(join(source, "esconv", "train.jsonl"), readFileSync(fixture("esconv", "train.jsonl"), "utf8").replace("bakery", "bakers"));
    rmSync(join(source, "cams", "added_CAMS_data.csv"));
    const lines: string[] = [];
    await assert.rejects(
      fetchData({ from: source, directory: target, manifest: fixtureManifest(), log: (line) => lines.push(line) }),
      (error: unknown) =>
        error instanceof MissingDataError &&
        error.file === join(target, "esconv", "train.jsonl") &&
        /checksum mismatch/.test(error.message) &&
        /also failed: cams\/added_CAMS_data\.csv/.test(error.message) &&
        /npm run data/.test(error.message),
    );
    assert.ok(!existsSync(join(target, "esconv", "train.jsonl")), "a corrupt copy is not left in the data folder");
    assert.ok(existsSync(join(target, "personahub", "personas.jsonl")), "good files are still copied");
    assert.deepEqual(
      verifyData({ directory: target, manifest: fixtureManifest() }).map((failure) => failure.path),
      ["esconv/train.jsonl", "cams/added_CAMS_data.csv"],
    );
  } finally {
    rmSync(source, { recursive: true, force: true });
    rmSync(target, { recursive: true, force: true });
  }
});

test("download from a local server: checksum checked, PersonaHub subset derived and recorded", async () => {
  const canonicalPersonas = [
    '{"persona": "First."}',
    '{"persona": "Second."}',
    '{"persona": "First."}',
    '{"persona": "Third."}',
    '{"persona": "Fourth."}',
  ].join("\n") + "\n";
  const bodies: Record<string, string | Buffer> = {
    "/esconv/train.jsonl": readFileSync(fixture("esconv", "train.jsonl")),
    "/cams/added_CAMS_data.csv": "not the file you are looking for",
    "/persona.jsonl": canonicalPersonas,
  };
  const server = createServer((request, response) => {
    const body = bodies[request.url ?? ""];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const target = temporaryDirectory();
  try {
    const manifest: DataManifest = {
      version: 1,
      files: [
        { ...entry("esconv/train.jsonl", `${base}/esconv/train.jsonl`) },
        { ...entry("personahub/personas.jsonl", `${base}/persona.jsonl`), derive: { keepFirstUnique: 3 } },
      ],
    };
    const results = await fetchData({ directory: target, manifest, log: () => {} });
    assert.deepEqual(results.map((file) => file.status), ["downloaded", "derived"]);
    assert.deepEqual(loadPersonaHub({ directory: target }), ["First.", "Second.", "Third."]);
    const state = JSON.parse(readFileSync(join(target, ".fetch-state.json"), "utf8"));
    assert.equal(state["personahub/personas.jsonl"].downloadSha256, sha256Hex(Buffer.from(canonicalPersonas)));
    const again = await fetchData({ directory: target, manifest, log: () => {} });
    assert.deepEqual(again.map((file) => file.status), ["verified", "verified"], "the derived file verifies against the recorded checksum");

    const missing = { dataset: "esconv", path: "esconv/valid.jsonl", url: `${base}/missing`, sha256: "0".repeat(64), license: "test", citation: "test" };
    const bad: DataManifest = { version: 1, files: [entry("cams/added_CAMS_data.csv", `${base}/cams/added_CAMS_data.csv`), missing] };
    await assert.rejects(
      fetchData({ directory: target, manifest: bad, log: () => {} }),
      (error: unknown) =>
        error instanceof MissingDataError && /added_CAMS_data\.csv/.test(error.file) && /checksum mismatch after download/.test(error.message) &&
        /also failed: esconv\/valid\.jsonl/.test(error.message) && /npm run data/.test(error.message),
    );
    assert.ok(!existsSync(join(target, "cams", "added_CAMS_data.csv")));
  } finally {
    server.close();
    rmSync(target, { recursive: true, force: true });
  }
});

test("keepFirstUniquePersonas refuses a download with too few personas", () => {
  assert.throws(() => keepFirstUniquePersonas(Buffer.from('{"persona": "a"}\n{"persona": "a"}\n'), 2, "u"), MissingDataError);
});

test("a file without a canonical source gives its instructions when missing", async () => {
  const target = temporaryDirectory();
  try {
    const manifest: DataManifest = { version: 1, files: [entry("personahub/personas.jsonl", null, { instructions: "write it by hand from the appendix" })] };
    await assert.rejects(
      fetchData({ directory: target, manifest, log: () => {} }),
      (error: unknown) => error instanceof MissingDataError && /write it by hand from the appendix/.test(error.message),
    );
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
});

test("the real reference folder matches every checksum of the manifest", { skip: skipWithoutSharedData() }, () => {
  assert.deepEqual(verifyData({ directory: SHARED_DATA }), []);
});
