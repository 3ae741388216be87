import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The nearest folder or file at or above `path` that exists (the filesystem root at worst). */
export function nearestExisting(path: string): { path: string; isDirectory: boolean } {
  let current = resolve(path);
  for (;;) {
    try {
      return { path: current, isDirectory: statSync(current).isDirectory() };
    } catch {
      const parent = dirname(current);
      if (parent === current) return { path: current, isDirectory: true };
      current = parent;
    }
  }
}

/**
 * mkdir -p that always ends: Node's `mkdirSync(path, { recursive: true })` loops forever on some paths where a
 * parent cannot be made (e.g. /proc/nope/out). This makes each missing level in turn, so any failure surfaces
 * as the filesystem's error (ENOENT, ENOTDIR, EACCES, EROFS...) naming the level it could not make.
 * Returns the folders it made, outermost first.
 */
export function makeDirectory(path: string): string[] {
  const target = resolve(path);
  const missing: string[] = [];
  let current = target;
  for (;;) {
    let isDirectory: boolean | undefined;
    try {
      isDirectory = statSync(current).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (isDirectory) break;
    // A file where a folder must be: mkdir says so with its own error (EEXIST, or ENOTDIR for a level below it).
    if (isDirectory === false) mkdirSync(current);
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) mkdirSync(folder);
  return missing;
}
