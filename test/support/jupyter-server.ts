import { spawn, type ChildProcess } from "node:child_process";
import { createConnection } from "node:net";
import { projectRoot } from "../../lib/paths";

/** Whether something accepts connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Polls `check` every 250 ms until it holds or `timeoutMs` passed; says which. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

export interface RunningJupyter {
  npm: ChildProcess;
  /** Everything npm run jupyter printed so far (stdout and stderr). */
  log(): string;
  exited: Promise<number | null>;
  /** The "Open http://127.0.0.1:PORT/?token=..." URL once printed. */
  url(): URL | undefined;
  /**
   * Stops it as Ctrl-C would (SIGINT to npm's process group: the launcher then stops Jupyter, which runs in a
   * group of its own, and its kernels), waits up to 20 s, then SIGKILLs what is left of npm's group.
   */
  stop(): Promise<void>;
}

/** Starts `npm run jupyter -- ARGS` in its own process group, as a terminal's foreground job. */
export function startJupyter(args: readonly string[] = [], environment: NodeJS.ProcessEnv = {}): RunningJupyter {
  const npm = spawn("npm", ["run", "jupyter", ...(args.length ? ["--", ...args] : [])], {
    cwd: projectRoot(),
    env: { ...process.env, ...environment },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  npm.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
  return {
    npm,
    log: () => log,
    exited,
    url() {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\S*token=\S+)/.exec(log);
      return match ? new URL(match[1]) : undefined;
    },
    async stop() {
      const signal = (how: NodeJS.Signals) => {
        try {
          process.kill(-npm.pid!, how);
        } catch {
          // gone
        }
      };
      if (npm.exitCode === null && npm.signalCode === null) {
        signal("SIGINT");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      }
      signal("SIGKILL");
    },
  };
}
