import { test } from "node:test";
import assert from "node:assert/strict";
import { rq1Correlations, alignmentCheck } from "../../lib/analysis/rq1-correlations";
import type { CorrelationMatrix } from "../../lib/stats/correlation-matrix";
import { correlationTable, alignmentTable, correlationDetailTable } from "../../lib/tables/correlation-tables";
import { toMarkdown } from "../../lib/tables/markdown";
import { toHtml } from "../../lib/tables/html";
import { escapeHtml } from "../../lib/text/escape-html";
import { toLatex, escapeLatex } from "../../lib/tables/latex";
import { toCsv } from "../../lib/tables/csv";
import { formatCorrelation, formatP, formatPercent, formatNumber } from "../../lib/tables/format";
import { SIMULATED_LABEL, type Table } from "../../lib/tables/table";

/** A matrix with known r values (the numbers of the paper's Table 2). */
function paperMatrix(): CorrelationMatrix {
  const values = [
    [0.54, 0.15, -0.21, 0.36, -0.39, 0.04],
    [0.34, 0.34, -0.11, 0.16, -0.36, 0.02],
    [0.21, 0.15, -0.39, 0.12, -0.19, -0.05],
    [0.41, 0.25, -0.23, 0.47, -0.09, 0.09],
    [-0.32, -0.11, -0.04, -0.21, 0.45, -0.1],
    [-0.24, -0.01, -0.17, -0.27, 0.05, -0.18],
  ];
  const rowVariables = ["Extraversion", "Conscientiousness", "Agreeableness", "Openness to Experience", "Emotionality", "Honesty-Humility"].map((d) => `HEXACO-60:${d}`);
  const columnVariables = ["Expressiveness", "Preciseness", "Verbal Aggressiveness", "Questioningness", "Emotionality", "Impression Manipulativeness"].map((d) => `CSI:${d}`);
  return {
    rowVariables,
    columnVariables,
    correction: "none",
    cells: values.map((row, rowIndex) =>
      row.map((r, columnIndex) => ({ rowVariable: rowVariables[rowIndex], columnVariable: columnVariables[columnIndex], r, p: 0.001, low: r - 0.1, high: r + 0.1, n: 1155 })),
    ),
  };
}

test("paper number formats", () => {
  assert.equal(formatCorrelation(0.5412), ".54");
  assert.equal(formatCorrelation(-0.2051), "-.21");
  assert.equal(formatCorrelation(-0.001), ".00");
  assert.equal(formatCorrelation(Number.NaN), "NA");
  assert.equal(formatPercent(0.27234), "27.23%");
  assert.equal(formatP(0.0004), "<.001");
  assert.equal(formatP(0.0234), ".023");
  assert.equal(formatNumber(218433), "218,433");
  assert.equal(formatNumber(21.0149), "21.01");
});

test("correlation table: paper abbreviations, '.54' values and the strongest |r| of each row in bold", () => {
  const table = correlationTable(paperMatrix());
  assert.deepEqual(table.columns.map((column) => column.label), ["", "Expr.", "Prec.", "Verb.", "Ques.", "Emot.", "Impr."]);
  assert.deepEqual(table.rows.map((row) => row.domain), ["Extr.", "Cons.", "Agre.", "Open.", "Emot.", "Hone."]);
  const markdown = toMarkdown(table);
  assert.match(markdown, /\| Extr\. \| \*\*\.54\*\* \| \.15 \| -\.21 \|/);
  // In the paper's Cons. row -.36 (Emot.) is stronger than the paired .34 (Prec.).
  assert.match(markdown, /\| Cons\. \| \.34 \| \.34 \| -\.11 \| \.16 \| \*\*-\.36\*\* \|/);
  // Ties at the shown precision are bold together.
  const tied = paperMatrix();
  tied.cells[1][4] = { ...tied.cells[1][4], r: -0.3 };
  tied.cells[1][1] = { ...tied.cells[1][1], r: 0.3449 };
  assert.match(toMarkdown(correlationTable(tied)), /\| Cons\. \| \*\*\.34\*\* \| \*\*\.34\*\* \|/);
  // Hone.: the strongest is Ques. (-.27), not the paired Impr. (-.18).
  assert.match(markdown, /\| Hone\. \| -\.24 \| -\.01 \| -\.17 \| \*\*-\.27\*\* \| \.05 \| -\.18 \|/);
  const latex = toLatex(table);
  assert.match(latex, /Agre\. & \.21 & \.15 & \\textbf\{-\.39\} & \.12/);
  assert.match(latex, /\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
  const html = toHtml(table);
  // Bold, and right-aligned by the table's one style block (columns 2-7: the six CSI domains), not per cell.
  assert.match(html, /<td><strong>\.47<\/strong><\/td>/);
  const id = /<table class="persona-talks-table" id="(pt-[0-9a-f]{10})">/.exec(html)?.[1];
  assert.ok(id, "the table has an id for its style block");
  assert.ok(html.includes(`<style>#${id} tfoot td{font-size:smaller;font-style:italic;text-align:left}\n#${id} :is(thead th,tbody td):is(:nth-child(1)){text-align:left}\n#${id} :is(thead th,tbody td):is(:nth-child(n+2)){text-align:right}</style>`), html.split("\n")[0]);
  assert.doesNotMatch(html, /<t[dh] style=/, "no inline style on any cell");
  assert.equal((html.match(/<strong>/g) ?? []).length, 6);
});

test("an HTML table shows its first rows and counts the rest; column ranges and single columns are aligned", () => {
  const table: Table = {
    title: "long",
    columns: [
      { key: "a", label: "a", align: "right" },
      { key: "b", label: "b", align: "left" },
      { key: "c", label: "c", align: "right" },
      { key: "d", label: "d", align: "right" },
      { key: "e", label: "e", align: "center" },
      { key: "f", label: "f", align: "left" },
    ],
    rows: Array.from({ length: 25 }, (_, index) => ({ a: index, b: `row ${index}`, c: 1, d: 2, e: "x", f: "y" })),
    notes: ["a note"],
    emphasis: [{ row: 2, column: "a" }, { row: 24, column: "a" }],
  };
  const html = toHtml(table, { limit: 20, moreRowsHint: "pt.show(table, { limit: Infinity }) shows every row" });
  assert.equal((html.match(/<tr>/g) ?? []).length, 1 + 20 + 1, "header, 20 rows, one footer row");
  assert.match(html, /<td>row 19<\/td>/);
  assert.doesNotMatch(html, /row 20/);
  assert.match(html, /<td colspan="6">… 5 more rows not shown \(25 in all\): pt\.show\(table, \{ limit: Infinity \}\) shows every row<br>a note<\/td>/);
  assert.match(html, /<td><strong>2<\/strong><\/td>/, "emphasis keeps its row");
  assert.equal((html.match(/<strong>/g) ?? []).length, 1, "the bold cell of a hidden row is not shown");
  assert.match(html, /:is\(:nth-child\(1\),:nth-child\(n\+3\):nth-child\(-n\+4\)\)\{text-align:right\}/);
  assert.match(html, /:is\(:nth-child\(5\)\)\{text-align:center\}/);
  assert.match(html, /:is\(:nth-child\(2\),:nth-child\(6\)\)\{text-align:left\}/, "text columns left, also where a style sheet right-aligns cells");
  assert.equal(toHtml(table), toHtml(table), "the same table gives the same bytes (its id is a hash of the content)");
  assert.equal((toHtml(table).match(/<tr>/g) ?? []).length, 1 + 25 + 1, "no limit: every row");
});

test("paired emphasis reproduces the paper's bolding", () => {
  const matrix = paperMatrix();
  const table = correlationTable(matrix, { emphasis: "paired", alignment: alignmentCheck(matrix) });
  const markdown = toMarkdown(table);
  assert.match(markdown, /\| Hone\. \| -\.24 \| -\.01 \| -\.17 \| -\.27 \| \.05 \| \*\*-\.18\*\* \|/);
  assert.equal((markdown.match(/\*\*[-.0-9]+\*\*/g) ?? []).length, 6);
});

test("alignment table flags a misaligned row", () => {
  const table = alignmentTable(alignmentCheck(paperMatrix()));
  const honesty = table.rows.find((row) => row.hexaco === "Honesty-Humility")!;
  assert.equal(honesty.aligned, false);
  assert.equal(honesty.strongest, "Questioningness");
  assert.match(toMarkdown(table), /4 of 6 HEXACO domains/);
});

const tricky: Table = {
  title: "Costs & 100% of R_1 {draft} ~ #1 <b>",
  columns: [
    { key: "name", label: "Name_x", align: "left" },
    { key: "value", label: "Value $", align: "right" },
  ],
  rows: [
    { name: "a & b", value: 1.5 },
    { name: 'say "hi", then\nleave', value: null },
    { name: "back\\slash ^ pipe|", value: 2 },
  ],
  notes: ["50% of <cases>"],
  emphasis: [{ row: 0, column: "value" }],
};

test("LaTeX escapes every special character", () => {
  assert.equal(escapeLatex("a & b % c $ d # e _ f { g } h ~ i ^ j \\ k"), "a \\& b \\% c \\$ d \\# e \\_ f \\{ g \\} h \\textasciitilde{} i \\textasciicircum{} j \\textbackslash{} k");
  const latex = toLatex(tricky);
  assert.match(latex, /\\caption\{Costs \\& 100\\% of R\\_1 \\\{draft\\\} \\textasciitilde\{\} \\#1 \\textless\{\}b\\textgreater\{\}\}/);
  assert.match(latex, /Name\\_x & Value \\\$ \\\\/);
  assert.match(latex, /a \\& b & \\textbf\{1\.5\} \\\\/);
  assert.match(latex, /back\\textbackslash\{\}slash \\textasciicircum\{\} pipe\\textbar\{\}/);
  assert.match(latex, /50\\% of \\textless\{\}cases\\textgreater\{\}/);
});

test("HTML escapes text and Markdown escapes pipes in cells", () => {
  assert.equal(escapeHtml(`<a href="x">&'`), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  const html = toHtml(tricky);
  assert.ok(!html.includes("<b>"), "no raw tag from the title");
  assert.match(html, /&lt;cases&gt;/);
  const markdown = toMarkdown(tricky);
  assert.match(markdown, /pipe\\\| \| 2 \|/);
  assert.match(markdown, /say "hi", then leave/);
});

test("CSV keeps raw values, quotes where needed and uses column keys", () => {
  const csv = toCsv(tricky);
  const lines = csv.split("\r\n");
  assert.equal(lines[0], "name,value");
  assert.equal(lines[1], "a & b,1.5");
  assert.equal(lines[2], '"say ""hi"", then\nleave",');
  const detail = toCsv(correlationDetailTable(paperMatrix()));
  assert.match(detail, /^hexaco,csi,r,low,high,p,n\r\nHEXACO-60:Extraversion,CSI:Expressiveness,0\.54,/);
});

test("a simulated table shows the label in every renderer", () => {
  const table = correlationTable(rq1Correlations([
    { personaId: "a", "HEXACO-60:Extraversion": 1, "CSI:Expressiveness": 2 },
    { personaId: "b", "HEXACO-60:Extraversion": 2, "CSI:Expressiveness": 1 },
    { personaId: "c", "HEXACO-60:Extraversion": 3, "CSI:Expressiveness": 4 },
    { personaId: "d", "HEXACO-60:Extraversion": 4, "CSI:Expressiveness": 3 },
  ]), { simulated: true });
  const markdown = toMarkdown(table);
  assert.match(markdown.split("\n")[0], new RegExp(`\\[${SIMULATED_LABEL}\\]`));
  assert.match(markdown, /Simulated data/);
  const html = toHtml(table);
  assert.match(html, /<caption[^>]*><span class="simulated"[^>]*>SIMULATED<\/span>/);
  assert.match(html, /Simulated data/);
  const latex = toLatex(table);
  assert.match(latex, /\\caption\{\[SIMULATED\]/);
  assert.match(latex, /\\textbf\{SIMULATED\}/);
  assert.match(latex, /Simulated data/);
  // CSV: the header on line 1 (any reader's default); the label goes into the folder's README.md and summary.json.
  assert.match(toCsv(table), /^domain,CSI:Expressiveness,/);
  const real = correlationTable(paperMatrix());
  for (const text of [toMarkdown(real), toHtml(real), toLatex(real), toCsv(real)]) assert.ok(!/simulated/i.test(text));
});
