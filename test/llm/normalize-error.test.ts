import assert from "node:assert/strict";
import { test } from "node:test";
import { isRetryableStatus, parseRetryAfter, scrub } from "../../lib/llm/adapters/normalize-error";

test("Retry-After: seconds, HTTP date, retry-after-ms, and garbage", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "2" }), now), 2000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "0.5" }), now), 500);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }), now), 30_000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now), 0, "a past date means now");
  assert.equal(parseRetryAfter(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now), 250);
  assert.equal(parseRetryAfter(new Headers({ "retry-after-ms": "soon", "retry-after": "3" }), now), 3000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "whenever" }), now), undefined);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "-5" }), now), 0);
  assert.equal(parseRetryAfter(new Headers(), now), undefined);
  assert.equal(parseRetryAfter({ "retry-after": "4" }, now), 4000, "plain header records work too");
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test("retryable statuses are 408, 409, 429 and 5xx", () => {
  assert.deepEqual(
    [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 529].filter(isRetryableStatus),
    [408, 409, 429, 500, 502, 503, 529],
  );
});

test("scrub removes secrets but not the placeholder key", () => {
  assert.equal(scrub("bad key sk-abcdef123 given", ["sk-abcdef123"]), "bad key [redacted] given");
  assert.equal(scrub("not-needed is fine", ["not-needed"]), "not-needed is fine");
  assert.equal(scrub("short", ["abc"]), "short");
});
