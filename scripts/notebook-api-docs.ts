// npm run docs:api: writes docs/notebook-api.md from the declarations of `pt` (lib/notebook/api-docs.ts).
// test/notebooks/notebook-api-docs.test.ts fails when the committed page differs from what this writes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { notebookApiGroups, renderNotebookApiDocs, undocumented } from "../lib/notebook/api-docs";
import { projectRoot } from "../lib/paths";

const groups = notebookApiGroups();
const path = join(projectRoot(), "docs", "notebook-api.md");
writeFileSync(path, renderNotebookApiDocs(groups));
console.log(`wrote ${path}`);
const missing = undocumented(groups);
if (missing.length) console.error(`no TSDoc yet: ${missing.join(", ")}`);
