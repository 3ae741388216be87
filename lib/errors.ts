/** Where in the input a problem was found: every field is optional, but name as many as are known. */
export interface InputLocation {
  file?: string;
  record?: string | number;
  field?: string;
}

function describe(location: InputLocation): string {
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.record !== undefined) parts.push(`record ${location.record}`);
  if (location.field) parts.push(`field "${location.field}"`);
  return parts.join(", ");
}

/** Bad input data (a dataset, inventory, answers file or config): names the file, record and field. */
export class DataError extends Error {
  readonly location: InputLocation;
  constructor(message: string, location: InputLocation = {}) {
    const where = describe(location);
    super(where ? `${where}: ${message}` : message);
    this.name = "DataError";
    this.location = location;
  }
}

/** A required file is absent or fails its checksum; the message says what to run to get it. */
export class MissingDataError extends Error {
  readonly file: string;
  constructor(file: string, remedy: string) {
    super(`${file}: ${remedy}`);
    this.name = "MissingDataError";
    this.file = file;
  }
}

/** Bad use of the library or CLI (unknown option, impossible setting). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * The provider cannot be used at all (no key or base URL, key refused, unknown model, server unreachable): the
 * run stops at once. The message is one line naming the provider, model, host:port and what to set.
 */
export class ProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProviderError";
  }
}

/** The user stopped the run (Ctrl-C); what finished is cached and a re-run resumes. */
export class InterruptedError extends Error {
  constructor(message = "interrupted; re-run the same command to resume from the cache") {
    super(message);
    this.name = "InterruptedError";
  }
}

/**
 * Exit codes of every command, decided in one place (lib/cli/main.ts maps typed errors to them):
 * 0 everything done; 1 some items failed after retries (partial results; what was answered is cached);
 * 2 usage error; 3 provider or configuration error; 4 data error; 130 interrupted.
 */
export const EXIT = { done: 0, partial: 1, usage: 2, provider: 3, data: 4, interrupted: 130 } as const;
