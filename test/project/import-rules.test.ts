import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { projectRoot } from "../../lib/paths";

// The import rules of lib/ (.dependency-cruiser.cjs, drawn in docs/architecture.md): no folder imports from a
// higher layer, no cycle between folders, only lib/providers imports the simulator. dependency-cruiser checks
// them; this test runs it as a developer would (`npx depcruise lib --config .dependency-cruiser.cjs`) and lists
// every violation when there is one.

const root = projectRoot();
const depcruise = join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: Array<{ name: string } | string>;
}

function cruise(cwd: string): Violation[] {
  const result = spawnSync(process.execPath, [depcruise, "lib", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  let parsed: { summary: { violations: Violation[] } };
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    throw new Error(`dependency-cruiser did not run (exit ${result.status}):\n${result.stderr}`);
  }
  return parsed.summary.violations;
}

function describeViolation(violation: Violation): string {
  const cycle = violation.cycle?.map((step) => (typeof step === "string" ? step : step.name));
  return `${violation.rule.name}: ${violation.from} → ${cycle?.length ? cycle.join(" → ") : violation.to}`;
}

test("lib/ follows the import rules of .dependency-cruiser.cjs (layers, no folder cycles, the simulator only through providers)", { timeout: 120_000 }, () => {
  const violations = cruise(root);
  const lines = [...new Set(violations.map(describeViolation))].sort();
  assert.equal(lines.length, 0, `${lines.length} import-rule violations (docs/architecture.md says how to fix them):\n${lines.join("\n")}`);
});

test("the rules catch an upward import, a folder cycle and a use of the simulator outside the providers", { timeout: 120_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "persona-talks-import-rules-"));
  try {
    copyFileSync(join(root, ".dependency-cruiser.cjs"), join(work, ".dependency-cruiser.cjs"));
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler", strict: true } }));
    const file = (path: string, text: string) => {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    };
    file("lib/stats/mean.ts", 'import { show } from "../notebook/show";\nexport const mean = (values: number[]) => { show(values); return 0; };\n');
    file("lib/notebook/show.ts", 'import { mean } from "../stats/mean";\nexport const show = (values: number[]) => values.length && mean([]);\n');
    file("lib/pipeline/stage.ts", 'import { simulate } from "../sim/simulate";\nexport const stage = () => simulate();\n');
    file("lib/sim/simulate.ts", "export const simulate = () => 1;\n");
    file("lib/providers/registry.ts", 'import { simulate } from "../sim/simulate";\nexport const providers = [simulate];\n');
    const names = new Set(cruise(work).map(describeViolation));
    assert.ok(names.has("layer-stats: lib/stats/mean.ts → lib/notebook/show.ts"), [...names].join("\n"));
    assert.ok([...names].some((line) => line.startsWith("no-folder-cycle: lib/stats → lib/notebook → lib/stats") || line.startsWith("no-folder-cycle: lib/notebook → lib/stats → lib/notebook")), [...names].join("\n"));
    assert.ok(names.has("sim-only-through-providers: lib/pipeline/stage.ts → lib/sim/simulate.ts"), [...names].join("\n"));
    assert.ok(![...names].some((line) => line.includes("lib/providers/registry.ts")), "lib/providers may use the simulator");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
