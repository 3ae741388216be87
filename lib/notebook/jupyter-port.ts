import { createServer } from "node:net";
import { UsageError } from "../errors";

/** The port `npm run jupyter` asks for when neither `--port` nor PERSONA_TALKS_JUPYTER_PORT says otherwise. */
export const DEFAULT_JUPYTER_PORT = 8888;

export interface LauncherArguments {
  /** The port asked for (`--port N` or `--port=N`), if any. */
  port?: number;
  /** Everything else, passed to jupyter-notebook unchanged. */
  rest: string[];
}

function parsePort(text: string | undefined, source: string): number {
  const port = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`${source} must be a port number from 1 to 65535, got ${text === undefined ? "nothing" : `"${text}"`}`);
  }
  return port;
}

/**
 * Takes `--port N` / `--port=N` out of the launcher's arguments (the launcher picks the port itself, so a taken
 * one can be replaced); everything else goes to jupyter-notebook as given.
 */
export function parseLauncherArguments(argv: readonly string[]): LauncherArguments {
  const rest: string[] = [];
  let port: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const joined = /^--(?:NotebookApp\.)?port=(.*)$/.exec(argument);
    if (joined) port = parsePort(joined[1], "--port");
    else if (argument === "--port" || argument === "--NotebookApp.port") port = parsePort(argv[++index], "--port");
    else rest.push(argument);
  }
  return { port, rest };
}

/** Whether nothing listens on 127.0.0.1:port (tried by binding it for a moment). */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the system says is free right now. */
export function anyFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ChosenPort {
  port: number;
  /** Set when the wanted port was taken: the one line that says so. */
  notice?: string;
}

/**
 * The wanted port if it is free, else the next free one among the following ten (as Jupyter's own port retries
 * would), else any free port; the notice names both.
 */
export async function chooseJupyterPort(wanted: number, host = "127.0.0.1"): Promise<ChosenPort> {
  if (await portIsFree(wanted, host)) return { port: wanted };
  let port: number | undefined;
  for (let candidate = wanted + 1; candidate <= Math.min(wanted + 10, 65535) && port === undefined; candidate++) {
    if (await portIsFree(candidate, host)) port = candidate;
  }
  port ??= await anyFreePort(host);
  return { port, notice: `port ${wanted} is taken; Jupyter starts on port ${port} instead` };
}
