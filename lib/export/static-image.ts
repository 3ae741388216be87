import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { join } from "node:path";
import { projectRoot } from "../paths";
import { checkFigureSpec, type FigureSpec } from "../charts/figure-spec";
import { bundleKindFor, plotlyBundlePath } from "../charts/plotly-bundle";
import { findChromium, noBrowserMessage } from "./find-browser";

/** A chart drawn by Chromium: PNG as base64, or SVG as text, with the CSS size it is meant to be shown at. */
export interface StaticImage {
  mimeType: "image/png" | "image/svg+xml";
  data: string;
  width: number;
  height: number;
}

export interface StaticImageOptions {
  /** "png" (default; small for charts with many points) or "svg" (text stays text). */
  format?: "png" | "svg";
  /** PNG pixel ratio (default 1: the PNG is exactly the figure's CSS size, so saved notebooks stay light). */
  scale?: number;
  /**
   * PNG as a palette image of at most 256 colours (default true): about a quarter of the bytes of the full-colour
   * PNG (a heatmap: ~25 kB instead of ~88 kB) with no visible change to text, fills or a colour scale. false keeps
   * Chromium's RGBA PNG. Made with sharp (libimagequant); without it, the full-colour PNG is kept.
   */
  palette?: boolean;
}

export interface StaticImageRenderer {
  /** The Chromium used, or undefined when none was found. */
  readonly executablePath: string | undefined;
  /** Why no image can be made (no browser, or the browser failed), once something failed; else undefined. */
  readonly problem: string | undefined;
  /**
   * Draws the spec and returns the image, synchronously (the calling thread waits for the browser), or undefined
   * when no browser is usable (see `problem`).
   */
  render(spec: FigureSpec, options?: StaticImageOptions): StaticImage | undefined;
  /** Closes the browser; safe to call twice. Also runs when the process exits. */
  close(): void;
}

export interface StaticImageRendererOptions {
  executablePath?: string;
  /** Longest wait for one image in ms, the browser start included (default 120000: a cold start on a busy 2-core machine). */
  timeoutMs?: number;
}

type WorkerAnswer = { id: number; image?: { url: string; width: number; height: number }; error?: string; closed?: boolean };

/** Flags for a quiet, offline headless Chromium (the same as the file exporter's). */
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/**
 * A synchronous chart-to-image renderer: one headless Chromium in a worker thread, started on the first image and
 * reused for every later one. Synchronous so that `showChart(spec)` in a notebook cell needs no `await` (tslab only
 * awaits cells that contain one, and output sent after a cell ends is lost): the calling thread sleeps in
 * Atomics.wait while the worker draws.
 */
export function createStaticImageRenderer(options: StaticImageRendererOptions = {}): StaticImageRenderer {
  const lookup = options.executablePath ? { executablePath: options.executablePath, reason: "given" } : findChromium();
  const timeoutMs = options.timeoutMs ?? 120_000;
  let problem: string | undefined = lookup.executablePath ? undefined : noBrowserMessage(lookup.reason).replace("The figures were written as standalone HTML only. ", "");
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  let signal: Int32Array | undefined;
  let nextId = 1;
  let closed = false;

  function start(): void {
    const flag = new SharedArrayBuffer(4);
    const channel = new MessageChannel();
    const root = projectRoot();
    worker = new Worker(join(root, "lib", "export", "static-image-worker.cjs"), {
      workerData: {
        port: channel.port2,
        flag,
        executablePath: lookup.executablePath,
        args: ARGS,
        resolveFrom: join(root, "package.json"),
        timeoutMs: Math.min(timeoutMs, 60_000),
      },
      transferList: [channel.port2],
    });
    // Neither the worker nor the port may keep a finished script (or a kernel being shut down) alive.
    worker.unref();
    channel.port1.unref();
    worker.on("error", (error) => {
      problem = `the image renderer stopped: ${error.message}`;
    });
    port = channel.port1;
    signal = new Int32Array(flag);
  }

  function stop(): void {
    void worker?.terminate();
    worker = undefined;
    port?.close();
    port = undefined;
  }

  /** Sends one request and sleeps until the worker answers it (or the time is up). */
  function call(request: Record<string, unknown>, waitMs: number): WorkerAnswer | undefined {
    if (!worker) start();
    const id = nextId++;
    Atomics.store(signal!, 0, 0);
    port!.postMessage({ ...request, id });
    const deadline = Date.now() + waitMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(signal!, 0, 0, left) === "timed-out") return undefined;
      const received = receiveMessageOnPort(port!);
      if (!received) continue;
      const answer = received.message as WorkerAnswer;
      if (answer.id === id) return answer;
      Atomics.store(signal!, 0, 0);
    }
  }

  function close(): void {
    process.removeListener("exit", close);
    if (closed) return;
    closed = true;
    if (worker) call({ type: "close" }, 10_000);
    stop();
  }
  process.once("exit", close);

  return {
    executablePath: lookup.executablePath,
    get problem() {
      return problem;
    },
    render(spec, renderOptions = {}) {
      if (closed || !lookup.executablePath) return undefined;
      checkFigureSpec(spec);
      const format = renderOptions.format ?? "png";
      const request = { type: "render", spec: { data: spec.data, layout: spec.layout, config: spec.config ?? {} }, format, scale: renderOptions.scale ?? 1, palette: renderOptions.palette ?? true, plotlyPath: plotlyBundlePath(bundleKindFor(spec)) };
      const answer = call(request, timeoutMs);
      if (!answer || answer.error || !answer.image) {
        problem = answer?.error
          ? `Chromium could not draw the chart: ${answer.error}`
          : `Chromium did not draw the chart within ${Math.round(timeoutMs / 1000)} s`;
        // A browser that hung is replaced on the next call rather than waited on again.
        stop();
        return undefined;
      }
      problem = undefined;
      const { url, width, height } = answer.image;
      const comma = url.indexOf(",");
      const payload = url.slice(comma + 1);
      if (format === "svg") {
        const text = url.slice(0, comma).endsWith(";base64") ? Buffer.from(payload, "base64").toString("utf8") : decodeURIComponent(payload);
        return { mimeType: "image/svg+xml", data: text, width, height };
      }
      return { mimeType: "image/png", data: payload, width, height };
    },
    close,
  };
}

const SESSION_KEY = Symbol.for("persona-talks.static-image-renderer");

/**
 * The renderer of this process (one browser per notebook session). Kept on globalThis so that re-running the
 * notebook's load cell, which loads a fresh copy of the library, keeps using the browser already started.
 */
export function sessionImageRenderer(): StaticImageRenderer {
  const holder = globalThis as unknown as Record<symbol, StaticImageRenderer | undefined>;
  let renderer = holder[SESSION_KEY];
  if (!renderer) {
    renderer = createStaticImageRenderer();
    holder[SESSION_KEY] = renderer;
  }
  return renderer;
}
