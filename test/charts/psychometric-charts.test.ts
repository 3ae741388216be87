import { test } from "node:test";
import assert from "node:assert/strict";
import { itemTotalChart } from "../../lib/charts/item-total-chart";
import { reliabilityChart } from "../../lib/charts/reliability-chart";
import { SIMULATED_LABEL } from "../../lib/charts/figure-spec";

test("itemTotalChart: one bar trace per domain, reversed items marked R, a flagged item drawn black", () => {
  const spec = itemTotalChart({
    items: [
      { domain: "A", itemId: 1, reversed: false, correctedItemTotal: 0.6 },
      { domain: "A", itemId: 2, reversed: true, correctedItemTotal: -0.3 },
      { domain: "B", itemId: 3, reversed: false, correctedItemTotal: 0.5 },
    ],
    title: "T: item-total",
    simulated: true,
  });
  assert.equal(spec.data.length, 2);
  assert.deepEqual(spec.data[0].x, ["1", "2R"]);
  assert.deepEqual((spec.data[0].marker as { color: string[] }).color[1], "#000000");
  assert.ok(JSON.stringify(spec.layout).includes(SIMULATED_LABEL));
  assert.throws(() => itemTotalChart({ items: [], title: "x", simulated: false }), /no items/);
});

test("reliabilityChart: alpha with asymmetric error bars, omega beside it, NaN drawn as a gap", () => {
  const spec = reliabilityChart({
    domains: [
      { label: "H: X", alpha: 0.8, alphaLow: 0.7, alphaHigh: 0.85, omega: 0.82 },
      { label: "CSI: Y", alpha: Number.NaN, alphaLow: Number.NaN, alphaHigh: Number.NaN, omega: Number.NaN },
    ],
    title: "Reliability",
    simulated: false,
  });
  // Horizontal since the print layouts (domain names level): the values are on x, the domains on y.
  const alpha = spec.data[0] as unknown as { x: Array<number | null>; y: string[]; error_x: { array: Array<number | null>; arrayminus: Array<number | null> } };
  assert.deepEqual(alpha.x, [0.8, null]);
  assert.deepEqual(alpha.y, ["H: X", "CSI: Y"]);
  assert.ok(Math.abs(alpha.error_x.array[0]! - 0.05) < 1e-12 && Math.abs(alpha.error_x.arrayminus[0]! - 0.1) < 1e-12);
  assert.deepEqual((spec.data[1] as unknown as { x: unknown[] }).x, [0.82, null]);
});

test("itemTotalChart names black bars only when an item is below the floor (issue 24)", () => {
  const spec = itemTotalChart({ items: [{ domain: "A", itemId: 1, reversed: false, correctedItemTotal: 0.6 }], title: "T", simulated: false });
  const title = (spec.layout.xaxis as { title: { text: string } }).title.text;
  assert.ok(!title.includes("black"), title);
  assert.match(title, /dashed: the 0.2 floor/);
});
