import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { UsageError } from "../../lib/errors";
import { findJupyterNotebook } from "../../lib/notebook/jupyter";
import { anyFreePort, chooseJupyterPort, parseLauncherArguments, portIsFree } from "../../lib/notebook/jupyter-port";
import { listening, startJupyter, until } from "../support/jupyter-server";

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

test("the launcher takes --port N and --port=N out of the arguments and passes the rest to Jupyter", () => {
  assert.deepEqual(parseLauncherArguments(["--port", "8890"]), { port: 8890, rest: [] });
  assert.deepEqual(parseLauncherArguments(["--port=8891", "--NotebookApp.token=x"]), { port: 8891, rest: ["--NotebookApp.token=x"] });
  assert.deepEqual(parseLauncherArguments(["--debug"]), { port: undefined, rest: ["--debug"] });
  assert.throws(() => parseLauncherArguments(["--port"]), (error: unknown) => error instanceof UsageError && /--port must be a port number.*got nothing/.test(error.message));
  assert.throws(() => parseLauncherArguments(["--port", "abc"]), /got "abc"/);
  assert.throws(() => parseLauncherArguments(["--port=70000"]), /got "70000"/);
});

test("a taken port is replaced by a free one and the notice names both", async () => {
  const port = await anyFreePort();
  const server = await occupy(port);
  try {
    assert.equal(await portIsFree(port), false);
    const chosen = await chooseJupyterPort(port);
    assert.notEqual(chosen.port, port);
    assert.equal(await portIsFree(chosen.port), true);
    assert.equal(chosen.notice, `port ${port} is taken; Jupyter starts on port ${chosen.port} instead`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  assert.deepEqual(await chooseJupyterPort(port), { port });
});

test("npm run jupyter -- --port N on a taken port starts on a free one and says so in one line", { skip: findJupyterNotebook() ? false : "jupyter-notebook is not installed", timeout: 240_000 }, async () => {
  const port = await anyFreePort();
  const server = await occupy(port);
  const jupyter = startJupyter(["--port", String(port)]);
  try {
    assert.ok(await until(() => jupyter.url() !== undefined, 150_000), `Jupyter did not start:\n${jupyter.log().slice(-2000)}`);
    const notice = jupyter.log().split("\n").filter((line) => line.includes(`port ${port} is taken`));
    assert.equal(notice.length, 1, jupyter.log());
    const chosen = Number(/starts on port (\d+) instead/.exec(notice[0])?.[1]);
    assert.notEqual(chosen, port);
    assert.equal(jupyter.url()!.port, String(chosen));
    assert.ok(await listening(chosen), "Jupyter listens on the port it named");
  } finally {
    await jupyter.stop();
    await new Promise((resolve) => server.close(resolve));
  }
});
