import assert from "node:assert/strict";

/** Agreement with an independent implementation to 1e-6 (absolute), the acceptance tolerance of issue 5. */
export function close(actual: number, expected: number, tolerance = 1e-6, what = ""): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what ? what + ": " : ""}expected ${expected}, got ${actual} (difference ${Math.abs(actual - expected)})`,
  );
}

export function allClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-6, what = ""): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((value, index) => close(value, expected[index], tolerance, `${what}[${index}]`));
}

/** Agreement to a relative tolerance, for p-values far below the absolute 1e-6 (where `close` would accept 0). */
export function closeRelative(actual: number, expected: number, relativeTolerance: number, what = ""): void {
  assert.ok(
    expected !== 0 && Math.abs(actual - expected) <= relativeTolerance * Math.abs(expected),
    `${what ? what + ": " : ""}expected ${expected}, got ${actual} (relative difference ${Math.abs(actual - expected) / Math.abs(expected)})`,
  );
}
