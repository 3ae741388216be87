import type { IncomingMessage, ServerResponse } from "node:http";
import { networkInterfaces } from "node:os";

// What every answer of the annotation server carries, and the checks that bind a request to this server:
// its Host (against DNS rebinding) and, for anything that writes, its Origin (against forged cross-site posts).

/** No inline script or style: the page's script and style are served from /app.js and /app.css. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    "content-type": `${type}; charset=utf-8`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    // The page's address never leaves it (links carry their token in the fragment, which is never sent anyway).
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    ...headers,
  });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(response, status, "application/json", JSON.stringify(value), headers);
}

export interface Origins {
  /** host:port values a request may name in its Host header. */
  hosts: Set<string>;
  /** scheme://host:port values a writing request may come from. */
  origins: Set<string>;
}

/**
 * The hosts and origins of a server listening on host:port, plus the public URL it is reached through. A
 * wildcard address (0.0.0.0, ::) answers to the machine's own interface addresses (`addresses`, default
 * os.networkInterfaces()); a DNS name needs the public URL.
 */
export function serverOrigins(host: string, port: number, publicUrl?: URL, addresses: readonly string[] = interfaceAddresses()): Origins {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  const loopback = host === "127.0.0.1" || host === "localhost" || host === "::1";
  const bracket = (address: string) => (address.includes(":") ? `[${address}]` : address);
  const names = loopback || host === "0.0.0.0" || host === "::" ? ["127.0.0.1", "localhost", "[::1]"] : [bracket(host)];
  if (host === "0.0.0.0" || host === "::") names.push(...addresses.map(bracket));
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    origins.add(`http://${name}:${port}`);
  }
  if (publicUrl) {
    hosts.add(publicUrl.host.toLowerCase());
    origins.add(publicUrl.origin.toLowerCase());
  }
  return { hosts, origins };
}

export function hostAllowed(request: IncomingMessage, origins: Origins): boolean {
  return origins.hosts.has((request.headers.host ?? "").toLowerCase());
}

/**
 * A writing request must come from the page itself: a browser sends Origin (and Sec-Fetch-Site) with every
 * POST, so a form or fetch from another site is refused here. A client that is not a browser sends neither and
 * still needs the link's cookie and request token.
 */
export function sameOrigin(request: IncomingMessage, origins: Origins): boolean {
  const site = request.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") return false;
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.origins.has(origin.toLowerCase())) return false;
  return true;
}

export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !(entry.family === "IPv6" && entry.address.startsWith("fe80")))
    .map((entry) => entry.address);
}
