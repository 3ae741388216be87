import { test } from "node:test";
import assert from "node:assert/strict";
import { findJupyterNotebook } from "../../lib/notebook/jupyter";
import { anyFreePort } from "../../lib/notebook/jupyter-port";
import { listening, startJupyter, until } from "../support/jupyter-server";

// `npm run jupyter` must not leave a Jupyter server behind: neither after Ctrl-C in the terminal (SIGINT to the
// whole foreground process group) nor after SIGTERM to the npm process alone (a process manager, `kill`).
const skip = findJupyterNotebook() ? false : "jupyter-notebook is not installed";

async function startAndStop(signalGroup: boolean): Promise<void> {
  const port = await anyFreePort();
  // Its own process group, as a terminal's foreground job.
  const jupyter = startJupyter([], { PERSONA_TALKS_JUPYTER_PORT: String(port) });
  const { npm, exited } = jupyter;
  try {
    assert.ok(await until(() => /Open http:\/\/127\.0\.0\.1/.test(jupyter.log()), 150_000), `Jupyter did not start:\n${jupyter.log().slice(-2000)}`);
    assert.ok(await listening(port), "the server listens on the port");
    if (signalGroup) process.kill(-npm.pid!, "SIGINT");
    else npm.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    assert.ok(await until(async () => !(await listening(port)), 20_000), `something still listens on ${port} after the signal:\n${jupyter.log().slice(-2000)}`);
  } finally {
    await jupyter.stop();
  }
}

test("npm run jupyter stops Jupyter on SIGTERM to the npm process", { skip, timeout: 240_000 }, async () => {
  await startAndStop(false);
});

test("npm run jupyter stops Jupyter on Ctrl-C (SIGINT to the foreground process group)", { skip, timeout: 240_000 }, async () => {
  await startAndStop(true);
});
