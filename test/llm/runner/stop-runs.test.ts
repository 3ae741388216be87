import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { runRequests } from "../../../lib/llm/runner/run-requests";
import { activeRunCount, RunStoppedError, setRunGate, stopActiveRuns } from "../../../lib/llm/runner/stop-runs";
import { completion, delay, fakeModel, request } from "./fake-model";

const HINT = { hint: "re-run the cell to continue" };

test("stopActiveRuns stops a run from outside: calls in flight see their signal abort, nothing new starts, the run throws one line with its counts", async () => {
  const aborted: string[] = [];
  const model = fakeModel(async (call, _attempt, options) => {
    try {
      await delay(call.metadata.itemId === "r0" ? 0 : 200, options?.signal);
    } catch (error) {
      aborted.push(call.metadata.itemId!);
      throw error;
    }
    return completion(call);
  });
  const requests = Array.from({ length: 20 }, (_, index) => request(`r${index}`));
  const running = runRequests(requests, { model, concurrency: 2, progress: false, stage: "answerInventory" });
  await delay(50);
  assert.equal(activeRunCount(), 1);
  assert.equal(stopActiveRuns(HINT), 1);
  const started = model.calls.length;
  const error = await running.then(() => undefined, (caught: unknown) => caught);
  assert.ok(error instanceof RunStoppedError, String(error));
  assert.equal(model.calls.length, started, "no call starts after the stop");
  assert.deepEqual(aborted.sort(), ["r1", "r2"], "the two calls in flight were aborted through their signal");
  assert.equal(error.message, "stopped: 1 done, 0 from cache, 19 not run (answerInventory); re-run the cell to continue");
  assert.equal(inspect(error), error.message, "printed as one line, no stack");
  assert.equal(activeRunCount(), 0);
});

test("a gate refuses a new run before any call", async () => {
  const model = fakeModel((call) => completion(call));
  setRunGate(() => HINT);
  try {
    await assert.rejects(runRequests([request("a"), request("b")], { model, progress: false }), /^RunStoppedError: stopped: 0 done, 0 from cache, 2 not run; re-run the cell to continue$/);
    assert.equal(model.calls.length, 0);
  } finally {
    setRunGate(undefined);
  }
  assert.equal((await runRequests([request("a")], { model, progress: false })).summary.done, 1);
});
