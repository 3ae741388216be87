import type Database from "better-sqlite3";

/**
 * Groups point lookups into one short read transaction. Each SQLite statement outside a
 * transaction takes and drops its own file locks, which dominates the cost of a cache hit; holding
 * one read transaction for a few milliseconds makes replaying a large run several times faster.
 * The price: writes by other processes become visible up to `windowMs` later (this process's own
 * writes end the session, so they are visible at once).
 */
export class ReadSession {
  private active = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly windowMs: number,
  ) {}

  run<T>(read: () => T): T {
    if (this.windowMs <= 0) return read();
    if (!this.active) {
      this.db.exec("BEGIN");
      this.active = true;
      this.timer = setTimeout(() => this.end(), this.windowMs);
      // An idle process must not be kept alive by the session, nor keep a snapshot open for long.
      this.timer.unref?.();
    }
    try {
      return read();
    } catch (error) {
      this.end();
      throw error;
    }
  }

  end(): void {
    if (!this.active) return;
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.db.open && this.db.inTransaction) this.db.exec("COMMIT");
  }
}
