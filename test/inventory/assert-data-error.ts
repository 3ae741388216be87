import assert from "node:assert/strict";
import { DataError } from "../../lib/errors";

/** Asserts that `run` throws a DataError naming exactly this file, record and field, with a matching message. */
export function assertDataError(run: () => unknown, file: string, expected: { record?: string; field?: string; message: RegExp }): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof DataError, `expected DataError, got ${String(error)}`);
    assert.equal(error.location.file, file);
    assert.equal(error.location.record, expected.record);
    assert.equal(error.location.field, expected.field);
    assert.match(error.message, expected.message);
    assert.ok(error.message.startsWith(file), "the message names the file");
    return true;
  });
}
