import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { strategyDistribution } from "../../lib/charts/index";
import { chartDisplayBundle, PLOTLY_MIME_TYPE, showChart, type DisplayBundle } from "../../lib/notebook/show-chart";
import { createStaticImageRenderer, findChromium, type StaticImage } from "../../lib/export/index";
import { showFigures } from "../../lib/notebook/display";
import { projectRoot } from "../../lib/paths";
import sharp from "sharp";

const spec = strategyDistribution({
  conditions: ["with traits", "without"],
  strategies: ["Question", "Others"],
  shares: [
    [0.6, 0.4],
    [0.3, 0.7],
  ],
  title: "Strategies <b>(sim)</b>",
  simulated: true,
});

const fakeImage: StaticImage = { mimeType: "image/png", data: "iVBORw0KGgo=", width: 980, height: 580 };
const fakeRenderer = { render: () => fakeImage, problem: undefined };

// The kernel's writer, as tslab's own display.raw reaches it (node_modules/tslab/dist/public.js).
const tslabJupyter = createRequire(join(projectRoot(), "package.json"))("tslab/dist/jupyter") as {
  lastWriteDisplayData: ((content: DisplayBundle, update: boolean) => void) | null;
};

describe("chart display bundle", () => {
  after(() => {
    tslabJupyter.lastWriteDisplayData = null;
  });

  it("goes to the tslab cell as ONE display_data with the Plotly JSON, a PNG and a text line, and no HTML or plotly.js", () => {
    const sent: { content: DisplayBundle; update: boolean }[] = [];
    tslabJupyter.lastWriteDisplayData = (content, update) => sent.push({ content, update });
    showChart(spec, { renderer: fakeRenderer });
    assert.equal(sent.length, 1);
    const { content, update } = sent[0];
    assert.equal(update, false, "a new output, not an update of an earlier one");
    assert.deepEqual(Object.keys(content.data).sort(), [PLOTLY_MIME_TYPE, "image/png", "text/plain"].sort());
    const figure = content.data[PLOTLY_MIME_TYPE] as { data: unknown[]; layout: { title: { text: string } } };
    assert.deepEqual(figure.data, spec.data);
    assert.equal(figure.layout.title.text, spec.layout.title.text);
    assert.equal(content.data["image/png"], fakeImage.data);
    assert.deepEqual(content.metadata, { "image/png": { width: 980, height: 580 } });
    assert.equal(content.data["text/plain"], "Plotly chart: Strategies (sim)");
    assert.deepEqual(content.transient, {});
    assert.ok(JSON.stringify(content).length < 10_000, "no Plotly bundle inside the output");
  });

  it("is the same for every chart of a session (nothing is sent once and relied on later)", () => {
    const sent: DisplayBundle[] = [];
    showFigures([{ name: "a", spec }, { name: "b", spec }] as never, { sink: (bundle) => sent.push(bundle), renderer: fakeRenderer });
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[0], sent[1]);
  });

  it("sends the JSON alone, saying why once, when no image can be made", () => {
    const sent: DisplayBundle[] = [];
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const noBrowser = { render: () => undefined, problem: "PNG/SVG/PDF export needs a headless Chromium, and none is usable (test)." };
      showChart(spec, { sink: (bundle) => sent.push(bundle), renderer: noBrowser });
      showChart(spec, { sink: (bundle) => sent.push(bundle), renderer: noBrowser });
    } finally {
      console.warn = original;
    }
    assert.deepEqual(Object.keys(sent[1].data).sort(), [PLOTLY_MIME_TYPE, "text/plain"].sort());
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Chromium.*\n.*Plotly JSON only/);
  });

  it("fails with advice outside a kernel", () => {
    tslabJupyter.lastWriteDisplayData = null;
    assert.throws(() => showChart(spec, { renderer: null }), /inside a tslab notebook kernel.*exportFigure/);
  });

  it("keeps the bundle small: the JSON of a chart plus its image", () => {
    const bundle = chartDisplayBundle(spec, fakeImage);
    assert.equal((bundle.data[PLOTLY_MIME_TYPE] as { layout: unknown }).layout, spec.layout);
  });
});

describe("static image renderer (Chromium)", { skip: findChromium().executablePath ? false : "no Chromium found: " + findChromium().reason }, () => {
  it("draws PNGs synchronously with one browser", async () => {
    const renderer = createStaticImageRenderer();
    try {
      const first = renderer.render(spec);
      assert.ok(first, renderer.problem);
      assert.equal(first.mimeType, "image/png");
      const png = Buffer.from(first.data, "base64");
      assert.equal(png.subarray(1, 4).toString(), "PNG");
      assert.equal(png.readUInt32BE(16), 900, "drawn at 1x: the PNG is as wide as the figure");
      assert.equal(png.readUInt32BE(20), 620, "and as high");
      assert.deepEqual([first.width, first.height], [900, 620]);
      assert.ok(png.length < 120_000, `PNG is ${png.length} bytes`);
      // A palette PNG (colour type 3) by default, a fraction of the full-colour one, and the same picture: the mean
      // difference per channel stays under 1 of 255 and no pixel differs by more than a few levels.
      assert.equal(png[25], 3, "a palette PNG (colour type 3)");
      const full = renderer.render(spec, { palette: false });
      assert.ok(full, renderer.problem);
      const fullPng = Buffer.from(full.data, "base64");
      assert.equal(fullPng[25], 6, "palette: false keeps Chromium's RGBA PNG (colour type 6)");
      assert.ok(png.length * 2 < fullPng.length, `palette PNG ${png.length} bytes, full colour ${fullPng.length} bytes`);
      const [a, b] = await Promise.all([png, fullPng].map((bytes) => sharp(bytes).removeAlpha().raw().toBuffer()));
      assert.equal(a.length, b.length);
      let sum = 0;
      let largest = 0;
      for (let index = 0; index < a.length; index++) {
        const difference = Math.abs(a[index] - b[index]);
        sum += difference;
        largest = Math.max(largest, difference);
      }
      assert.ok(sum / a.length < 1, `mean difference ${(sum / a.length).toFixed(3)} of 255`);
      assert.ok(largest <= 24, `largest difference ${largest} of 255`);
      const started = Date.now();
      const svg = renderer.render(spec, { format: "svg" });
      assert.ok(svg?.data.startsWith("<svg"));
      assert.ok(Date.now() - started < 20_000, "the second image reuses the browser");
    } finally {
      renderer.close();
    }
  });
});
