import { promptTemplate } from "../prompts/render-prompt";
import type { Table } from "../tables/table";
import { left } from "../tables/table";

/** The prompts a notebook uses with their version and the hash of the text in force now (changes when a template is edited). */
export function promptTable(ids: readonly string[], overrides?: Record<string, string>): Table {
  return {
    name: "prompts",
    title: "Prompt templates in force (id, version, sha256 of the text)",
    columns: [
      left("id", "prompt"), left("version", "version"), left("hash", "hash"), left("source", "paper"),
    ],
    rows: ids.map((id) => {
      const template = promptTemplate(id, { overrides });
      return { id, version: template.prompt.version, hash: template.prompt.hash.slice(0, 12), source: template.spec.source };
    }),
    notes: [],
  };
}
