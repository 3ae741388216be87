/**
 * Runs the rate-limited loopback server in its own process for the benchmark, as a real provider would be:
 * the client's event loop and CPU are then not shared with the server's. Talks to the parent over IPC:
 * sends { baseURL } when listening, answers { type: "counts" } with { accepted, rejected }, exits on "close".
 * Usage (forked by llm-bench.ts): server-process.ts <limitRpm> <minLatencyMs> <maxLatencyMs>
 */
import { startRateLimitedServer } from "./rate-limited-server";

const [limitRpm, minLatencyMs, maxLatencyMs] = process.argv.slice(2).map(Number);

startRateLimitedServer({ limitRpm, minLatencyMs, maxLatencyMs })
  .then((server) => {
    process.on("message", (message: { type: string }) => {
      if (message.type === "counts") process.send!({ type: "counts", accepted: server.accepted(), rejected: server.rejected() });
      if (message.type === "close") void server.close().then(() => process.exit(0));
    });
    process.on("disconnect", () => void server.close().then(() => process.exit(0)));
    process.send!({ type: "listening", baseURL: server.baseURL });
  })
  .catch((error: unknown) => {
    process.stderr.write(`bench server failed: ${String(error)}\n`);
    process.exit(1);
  });
