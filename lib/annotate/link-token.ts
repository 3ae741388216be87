import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// A private link's secret: 256 random bits from the operating system, base64url. Only its SHA-256 is stored
// (judgements.sqlite, table links); the page's answer requests carry a value derived from it in a header.

export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(`persona-talks-link\u0000${token}`).digest("hex");
}

/** The value the page sends in the x-csrf-token header: derived from the link token, so only its holder can make it. */
export function requestTokenOf(token: string): string {
  return createHash("sha256").update(`persona-talks-request\u0000${token}`).digest("hex");
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Tokens look like this (43 base64url characters); anything else is refused before a lookup. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
