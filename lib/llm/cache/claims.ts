import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * In-flight claims: before paying for a request that is not cached, a process claims its key in the
 * cache file; another process that needs the same request waits for the answer instead of paying again.
 * A claim is a lease: it expires unless renewed while the call runs, so the claims of a killed process
 * are taken over (at once when the owner is a dead process on this machine, else when the lease ends).
 */
export const DEFAULT_CLAIM_LEASE_MS = 60_000;

const HOST = hostname();

/** "host/pid/random": unique per cache connection, and tells a dead local owner apart. */
export function newClaimOwner(): string {
  return `${HOST}/${process.pid}/${randomBytes(6).toString("hex")}`;
}

/** True when `owner` was a process on this machine that no longer runs. */
export function ownerIsDead(owner: string): boolean {
  const [host, pidText] = owner.split("/");
  const pid = Number(pidText);
  if (host !== HOST || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export type ClaimOutcome = { kind: "claimed" } | { kind: "answered" } | { kind: "busy"; owner: string };
