import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

export interface ServeProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** kill -9: no chance to close anything. */
  killHard(): Promise<void>;
  stop(): Promise<void>;
}

/** `persona-talks annotate serve` in its own process (so a test can kill -9 it), once it prints its URL. */
export function startServeProcess(directory: string, port: number, extra: readonly string[] = []): Promise<ServeProcess & { output: () => string }> {
  const child = spawn(process.execPath, [join(ROOT, "bin", "persona-talks.js"), "annotate", "serve", "--study", directory, "--port", String(port), ...extra], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`annotate serve did not start in 90 s: ${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = / at (http:\/\/[^/\s]+:(\d+)\/) /.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      resolveStart({
        url: match[1],
        port: Number(match[2]),
        child,
        output: () => output,
        async killHard() {
          child.kill("SIGKILL");
          await exited;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`annotate serve exited with ${code}: ${output}`));
    });
  });
}
