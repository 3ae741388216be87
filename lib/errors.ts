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
