import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { findJupyterNotebook, findNbconvert, jupyterDataDirectory, jupyterEnvironment, pythonOf, registerTslabKernel } from "../../lib/notebook/jupyter";
import { smallSimEnvironment } from "../../lib/notebook/notebook-list";
import { projectRoot } from "../../lib/paths";

test("pythonOf reads the interpreter of a Jupyter launcher script", () => {
  const directory = mkdtempSync(join(tmpdir(), "persona-talks-jupyter-"));
  try {
    const direct = join(directory, "direct");
    writeFileSync(direct, "#!/usr/bin/python3\nimport sys\n");
    const viaEnv = join(directory, "env");
    writeFileSync(viaEnv, "#!/usr/bin/env python3.11\n");
    assert.equal(pythonOf(direct), "/usr/bin/python3");
    assert.equal(pythonOf(viaEnv), "python3.11");
    assert.equal(pythonOf(join(directory, "missing")), "python3");
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test("a configured Jupyter path that does not exist counts as not installed (no silent fallback)", () => {
  assert.equal(findNbconvert({ PERSONA_TALKS_NBCONVERT: "/no/such/jupyter-nbconvert", PATH: "/usr/bin" }), undefined);
  assert.equal(findJupyterNotebook({ PERSONA_TALKS_JUPYTER_NOTEBOOK: "/no/such/jupyter-notebook", PATH: "/usr/bin" }), undefined);
});

test("Jupyter runs with the project-local data folder first, so the tslab kernel is found without global state", () => {
  const environment = jupyterEnvironment({ PERSONA_TALKS_N: "3" });
  assert.equal(environment.JUPYTER_PATH!.split(delimiter)[0], jupyterDataDirectory());
  assert.ok(jupyterDataDirectory().startsWith(join(projectRoot(), ".jupyter")));
  assert.ok(environment.JUPYTER_CONFIG_DIR!.startsWith(join(projectRoot(), ".jupyter")));
  assert.equal(environment.PERSONA_TALKS_N, "3");
});

test("smallSimEnvironment defaults to sim and the given N but keeps values the user set", () => {
  assert.deepEqual(smallSimEnvironment(20, {}), { PERSONA_TALKS_PROVIDER: "sim", PERSONA_TALKS_N: "20" });
  assert.deepEqual(smallSimEnvironment(20, { PERSONA_TALKS_PROVIDER: "openai", PERSONA_TALKS_N: "500" }), { PERSONA_TALKS_PROVIDER: "openai", PERSONA_TALKS_N: "500" });
});

// CI once failed with "No such kernel named tslab" for one notebook: `tslab install` (through Jupyter's
// install_kernel_spec) deleted the kernel folder and copied it anew while another test's kernel was starting.
test("registering the kernel again never removes or rewrites an up-to-date spec; a stale one is replaced with the project's launcher", () => {
  const kernel = registerTslabKernel();
  const specPath = join(kernel, "kernel.json");
  const before = statSync(specPath);
  for (let index = 0; index < 3; index += 1) assert.equal(registerTslabKernel(), kernel);
  const after = statSync(specPath);
  assert.equal(after.ino, before.ino, "the same file, not a copy");
  assert.equal(after.mtimeMs, before.mtimeMs, "not rewritten");
  // tslab's own spec (its binary, sorted keys) as `tslab install` leaves it.
  writeFileSync(specPath, JSON.stringify({ argv: ["tslab", "kernel", "--config-path", "{connection_file}"], display_name: "TypeScript", language: "typescript" }));
  registerTslabKernel();
  const spec = JSON.parse(readFileSync(specPath, "utf8")) as { argv: string[]; language: string };
  assert.deepEqual(spec.argv.slice(0, 2), [process.execPath, join(projectRoot(), "lib", "notebook", "tslab", "kernel.cjs")]);
  assert.equal(spec.language, "typescript");
});
