import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../lib/paths";

/**
 * A copy of the project to edit lib/ in (the checkout's files are never touched): lib/, the notebook loader,
 * tsconfig.json, package.json and the built bundle and declarations (.jupyter/build, timestamps kept, so nothing is
 * stale), with node_modules linked. Pass `root` as PERSONA_TALKS_ROOT and run kernels in `root/notebooks`.
 */
export function scratchProject(prefix = "persona-talks-scratch-"): { root: string; remove(): void } {
  const source = projectRoot();
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const path of ["lib", "tsconfig.json", "package.json", join(".jupyter", "build")]) {
    if (existsSync(join(source, path))) cpSync(join(source, path), join(root, path), { recursive: true, preserveTimestamps: true });
  }
  mkdirSync(join(root, "notebooks"));
  cpSync(join(source, "notebooks", "persona-talks.cjs"), join(root, "notebooks", "persona-talks.cjs"), { preserveTimestamps: true });
  symlinkSync(join(source, "node_modules"), join(root, "node_modules"));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
