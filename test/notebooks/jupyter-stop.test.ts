import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createConnection, createServer } from "node:net";
import { findJupyterNotebook } from "../../lib/notebook/jupyter";
import { projectRoot } from "../../lib/paths";

// `npm run jupyter` must not leave a Jupyter server behind: neither after Ctrl-C in the terminal (SIGINT to the
// whole foreground process group) nor after SIGTERM to the npm process alone (a process manager, `kill`).
const skip = findJupyterNotebook() ? false : "jupyter-notebook is not installed";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function startAndStop(signalGroup: boolean): Promise<void> {
  const port = await freePort();
  // Its own process group, as a terminal's foreground job.
  const npm = spawn("npm", ["run", "jupyter"], { cwd: projectRoot(), env: { ...process.env, PERSONA_TALKS_JUPYTER_PORT: String(port) }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  npm.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.on("exit", (code) => resolve(code)));
  try {
    assert.ok(await until(() => /Open http:\/\/127\.0\.0\.1/.test(log), 150_000), `Jupyter did not start:\n${log.slice(-2000)}`);
    assert.ok(await listening(port), "the server listens on the port");
    if (signalGroup) process.kill(-npm.pid!, "SIGINT");
    else npm.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    assert.ok(await until(async () => !(await listening(port)), 20_000), `something still listens on ${port} after the signal:\n${log.slice(-2000)}`);
  } finally {
    try {
      process.kill(-npm.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }
}

test("npm run jupyter stops Jupyter on SIGTERM to the npm process", { skip, timeout: 240_000 }, async () => {
  await startAndStop(false);
});

test("npm run jupyter stops Jupyter on Ctrl-C (SIGINT to the foreground process group)", { skip, timeout: 240_000 }, async () => {
  await startAndStop(true);
});
