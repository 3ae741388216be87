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
