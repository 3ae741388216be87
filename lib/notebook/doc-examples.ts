import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths";

/** A code block of the docs meant to run verbatim in a notebook (fenced as ```ts notebook). */
export interface DocExample {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** The ```ts notebook blocks of a Markdown text. */
export function notebookExamples(markdown: string, file: string): DocExample[] {
  const examples: DocExample[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    if (!/^```ts\s+notebook\s*$/.test(lines[index])) continue;
    const start = index;
    const body: string[] = [];
    while (++index < lines.length && !/^```\s*$/.test(lines[index])) body.push(lines[index]);
    examples.push({ file, line: start + 1, code: body.join("\n") });
  }
  return examples;
}

/** Every notebook example of README.md and docs/*.md, in file order. */
export function projectNotebookExamples(root = projectRoot()): DocExample[] {
  const files = ["README.md", ...readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md")).sort().map((name) => join("docs", name))];
  return files.flatMap((file) => notebookExamples(readFileSync(join(root, file), "utf8"), file));
}
