import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  bundleKindFor,
  caseStudyHtml,
  chartToHtml,
  plotlyBundlePath,
  SIMULATED_LABEL,
  strategyDistribution,
  type FigureSpec,
} from "../../lib/charts/index";
import { showHtml } from "../../lib/notebook/show-chart";

const spec = strategyDistribution({
  conditions: ["with traits", "without </script><b>"],
  strategies: ["Question", "Others"],
  shares: [
    [0.6, 0.4],
    [0.3, 0.7],
  ],
  title: "Strategies",
  simulated: true,
});

// Both Plotly bundles end by setting window.Plotly; finding that proves the bundle itself (not a link) is embedded.
const BUNDLE_BANNER = "window.Plotly = Plotly;";

function embeddedSpec(html: string): FigureSpec {
  const match = /var spec = (.*);\n/.exec(html);
  assert.ok(match, "the page carries the spec as JSON");
  return JSON.parse(match[1]) as FigureSpec;
}

describe("chartToHtml", () => {
  it("writes a standalone document with the bundle inline and no network reference", () => {
    const html = chartToHtml(spec);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes(BUNDLE_BANNER));
    assert.ok(!/<script[^>]+src=/.test(html), "no <script src>: the page must work offline");
    assert.ok(html.length > 1_000_000, "the inline bundle is over 1 MB");
    assert.match(html, /<title>Strategies<\/title>/);
  });

  it("embeds the spec exactly, escaped so a label cannot close the script", () => {
    const html = chartToHtml(spec, { includePlotly: "none" });
    assert.equal(html.split("</script>").length - 1, 1, "only the chart's own script element closes");
    assert.deepEqual(embeddedSpec(html), { data: spec.data, layout: spec.layout, config: spec.config });
    assert.ok(!html.includes(BUNDLE_BANNER));
  });

  it("uses the cartesian bundle for this project's charts and the full one for other traces", () => {
    assert.equal(bundleKindFor(spec), "cartesian");
    const map: FigureSpec = { data: [{ type: "scattergeo", name: "m" }], layout: { title: { text: "Map" } } };
    assert.equal(bundleKindFor(map), "full");
    assert.equal(bundleKindFor([spec, map]), "full");
    const cartesianSize = readFileSync(plotlyBundlePath("cartesian")).length;
    const fullSize = readFileSync(plotlyBundlePath("full")).length;
    assert.ok(cartesianSize < fullSize / 2);
    assert.ok(chartToHtml(map).length > fullSize);
    assert.ok(chartToHtml(spec).length < fullSize);
  });

  it("links a served bundle when given a URL", () => {
    const html = chartToHtml(spec, { includePlotly: { src: "/files/plotly.min.js?a=1&b=2" } });
    assert.ok(html.includes('<script type="text/javascript" src="/files/plotly.min.js?a=1&amp;b=2"></script>'));
    assert.ok(!html.includes(BUNDLE_BANNER));
  });
});

describe("showHtml", () => {
  it("shows HTML fragments through the same display", () => {
    const outputs: string[] = [];
    showHtml("<p>hi</p>", { display: { html: (html) => outputs.push(html) } });
    assert.deepEqual(outputs, ["<p>hi</p>"]);
  });
});

describe("caseStudyHtml", () => {
  const input = {
    left: {
      title: "With persona",
      turns: [
        { speaker: "seeker", text: "I called my parents <today> & it went well." },
        { speaker: "supporter", text: "How did they respond?", strategy: "Question" },
        { speaker: "supporter", text: "Maybe try a class.", strategy: "Providing Suggestions" },
      ],
    },
    right: {
      title: "Without persona",
      turns: [{ speaker: "supporter", text: "You are not alone.", strategy: "Affirmation and Reassurance" }],
    },
    simulated: true,
  };

  it("puts the two dialogues side by side with supporter turns shaded by strategy", () => {
    const html = caseStudyHtml(input);
    assert.match(html, /grid-template-columns: 1fr 1fr/);
    const left = html.indexOf("With persona");
    const right = html.indexOf("Without persona");
    assert.ok(left > 0 && right > left);
    assert.match(html, /style="background:#fff2a8"><b>Supporter:<\/b> How did they respond\?/);
    assert.match(html, /style="background:#c8efc8"><b>Supporter:<\/b> Maybe try a class\./);
    assert.match(html, /style="background:#b9dcfa"><b>Supporter:<\/b> You are not alone\./);
    assert.match(html, /<p class="pt-turn"><b>Seeker:<\/b> I called my parents &lt;today&gt; &amp; it went well\.<\/p>/);
  });

  it("lists each strategy used once in the legend and carries the simulated label", () => {
    const html = caseStudyHtml(input);
    const legend = /<div class="pt-legend">(.*?)<\/div>/.exec(html)?.[1] ?? "";
    const entries = [...legend.matchAll(/>([^<]+)<\/span>/g)].map((match) => match[1]);
    assert.deepEqual(entries, ["Question", "Affirmation and Reassurance", "Providing Suggestions"], "paper order, each once");
    assert.ok(html.includes(SIMULATED_LABEL));
    assert.ok(!caseStudyHtml({ ...input, simulated: false }).includes(SIMULATED_LABEL));
  });

  it("rejects a turn without text", () => {
    assert.throws(() => caseStudyHtml({ ...input, right: { title: "x", turns: [{ speaker: "seeker" } as never] } }), /right\.turns\[0\]/);
  });
});
