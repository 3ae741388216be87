import { copyFileSync, constants, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DataError } from "../../errors";
import type { SqliteHeader } from "./cache-file-check";

/** Where a read-only cache is opened from, and how. */
export interface ReadOnlySource {
  /** The file SQLite opens: the cache itself, or a private temporary copy. */
  path: string;
  /** Open with SQLite's read-only flag (the cache itself), or normally (a copy nobody else sees). */
  readonly: boolean;
  /** Removes the copy, if one was made. */
  remove(): void;
}

const copies = new Set<string>();
let exitHook = false;

/**
 * How to read a cache without writing next to it (no -wal, -shm, -journal file may appear; the bytes stay the
 * same): a file in rollback-journal mode with nothing pending beside it (a bundle, a published cache) is opened
 * in place with SQLite's read-only flag, which creates no file. A file in WAL mode cannot be read that way
 * (SQLite makes a shared-memory file beside it, and fails in a read-only folder), so it is copied, with its -wal
 * file if any, into a private temporary folder that is removed on close (or at exit).
 */
export function readOnlySource(path: string, header: SqliteHeader | undefined): ReadOnlySource {
  const pending = ["-wal", "-journal"].some((suffix) => existsSync(path + suffix));
  if (!header || (header.journal === "rollback" && !pending)) return { path, readonly: true, remove: () => {} };
  let directory: string;
  try {
    directory = mkdtempSync(join(tmpdir(), "pt-cache-read-only-"));
  } catch (error) {
    throw new DataError(`cannot make a temporary copy to read it without writing beside it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set TMPDIR to a writable folder`, { file: `cache ${path}` });
  }
  const copy = join(directory, basename(path));
  try {
    copyFileSync(path, copy, constants.COPYFILE_FICLONE);
    if (existsSync(path + "-wal")) copyFileSync(path + "-wal", copy + "-wal", constants.COPYFILE_FICLONE);
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw new DataError(`cannot copy it to ${directory} to read it without writing beside it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); free space there or set TMPDIR`, { file: `cache ${path}` });
  }
  copies.add(directory);
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const folder of copies) rmSync(folder, { recursive: true, force: true });
    });
  }
  return {
    path: copy,
    readonly: false,
    remove: () => {
      copies.delete(directory);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
