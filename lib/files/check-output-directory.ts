import { rmSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../errors";
import { makeDirectory, nearestExisting } from "./make-directory";

/**
 * Checks, when the arguments are read and before any work, that results can be written into `directory`:
 * it makes the folder (and any missing parents) and writes and removes a probe file, then removes what it made,
 * so a dry run leaves nothing behind. Throws a UsageError (exit 2) naming the flag, the path and the reason;
 * `--out README.md/x` (under a regular file) and `--out /proc/nope/out` fail here, even for root.
 */
export function checkOutputDirectory(directory: string, flag = "--out"): void {
  const target = resolve(directory);
  const refuse = (reason: string): never => {
    throw new UsageError(`${flag} ${directory}: ${reason}; give a folder you can write to`);
  };
  const existing = nearestExisting(target);
  if (!existing.isDirectory) refuse(existing.path === target ? "is a file, not a folder" : `${existing.path} is a file, not a folder`);
  let made: string[] = [];
  try {
    made = makeDirectory(target);
  } catch (error) {
    refuse(`cannot create it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const probe = join(target, `.persona-talks-write-check-${process.pid}`);
  try {
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
  } catch (error) {
    refuse(`cannot write in it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    for (const folder of [...made].reverse()) {
      try {
        if (statSync(folder).isDirectory()) rmdirSync(folder);
      } catch {
        // Someone else put something there meanwhile: leave it.
      }
    }
  }
}
