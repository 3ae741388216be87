import type { IncomingMessage } from "node:http";

/** The largest answer body accepted (an answer is about 100 bytes). */
export const MAX_BODY_BYTES = 4 * 1024;
/** Past this the rest of an oversized body is not read any more: the socket is closed after the 413. */
const MAX_DRAINED_BYTES = 64 * 1024 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; tooLarge: true; drained: boolean };

/**
 * Reads a request body up to `limit` bytes. An oversized body is read to its end and thrown away (up to 64 MB),
 * so the client gets its 413 answer instead of a reset connection; a declared Content-Length over the limit is
 * refused the same way.
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    let tooLarge = Number(request.headers["content-length"] ?? 0) > limit;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > MAX_DRAINED_BYTES) {
        request.off("data", onData);
        request.pause();
        resolveBody({ ok: false, tooLarge: true, drained: false });
      }
    };
    request.on("data", onData);
    request.on("end", () => resolveBody(tooLarge ? { ok: false, tooLarge: true, drained: true } : { ok: true, text: Buffer.concat(chunks).toString("utf8") }));
    request.on("error", reject);
  });
}
