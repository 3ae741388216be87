import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors";

// One server per study: serve.lock in the study folder holds the serving process's pid. It is created
// exclusively (O_EXCL), so two servers starting at once cannot both get it; a lock left by a killed server
// (its pid no longer runs) is taken over.

export const SERVE_LOCK = "serve.lock";

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holder(path: string): { pid: number; url?: string } | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as { pid?: unknown; url?: unknown };
    return typeof value.pid === "number" ? { pid: value.pid, url: typeof value.url === "string" ? value.url : undefined } : undefined;
  } catch {
    return undefined;
  }
}

export interface ServeLock {
  /** Records the URL served (for the message a second server prints). */
  describe(url: string): void;
  release(): void;
}

/** Takes the study's serve lock or throws a one-line UsageError (exit 2) naming the process that holds it. */
export function acquireServeLock(directory: string): ServeLock {
  const path = join(directory, SERVE_LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const descriptor = openSync(path, "wx");
      writeSync(descriptor, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(descriptor);
      let released = false;
      return {
        describe(url) {
          if (!released) writeFileSync(path, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), url }));
        },
        release() {
          if (released) return;
          released = true;
          if (holder(path)?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = holder(path);
      if (current && running(current.pid)) {
        throw new UsageError(`${directory} is already being served by process ${current.pid}${current.url ? ` at ${current.url}` : ""}; stop it first (one server per study)`);
      }
      // Left by a server that was killed: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new UsageError(`${directory}: could not take ${SERVE_LOCK}; another server is starting on this study`);
}

