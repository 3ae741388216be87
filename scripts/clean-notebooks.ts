// npm run clean:notebooks [-- FILE...]: strips outputs and execution counts from notebooks/*.ipynb (or the files given).
import { readFileSync, writeFileSync } from "node:fs";
import { outputBytes, parseNotebook, serializeNotebook, stripOutputs } from "../lib/notebook/notebook-file";
import { projectNotebooks } from "../lib/notebook/notebook-list";

const files = process.argv.slice(2).length ? process.argv.slice(2) : projectNotebooks();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const notebook = parseNotebook(text, file);
  const cleaned = serializeNotebook(stripOutputs(notebook));
  if (cleaned === text) {
    console.log(`${file}: already clean`);
    continue;
  }
  writeFileSync(file, cleaned);
  console.log(`${file}: removed ${outputBytes(notebook).toLocaleString("en-US")} bytes of outputs`);
}
