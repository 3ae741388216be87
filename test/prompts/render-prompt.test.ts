import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, test } from "node:test";
import { DataError } from "../../lib/errors";
import { projectRoot } from "../../lib/paths";
import {
  clearPromptOverrides,
  listPrompts,
  parsePromptRegistry,
  parseTemplate,
  PromptTemplateError,
  promptJsonSchema,
  promptTemplatePath,
  recoverPromptVariables,
  renderPrompt,
  setPromptOverride,
  templateVariables,
} from "../../lib/prompts/index";

afterEach(() => clearPromptOverrides());

/** Distinct sample values for every variable a prompt declares (flags and choices keep their defaults). */
function sampleVariables(id: string): Record<string, string> {
  const spec = listPrompts().find((prompt) => prompt.id === id)!;
  return Object.fromEntries(spec.variables.filter((variable) => variable.kind === "text").map((variable) => [variable.name, `<<${variable.name} value>>`]));
}

describe("prompt registry and templates", () => {
  test("registers the thirteen prompts of the pipeline", () => {
    // Besides them: the answer prompt per language of the statements (answer-statement-<code>, docs/inventory.md).
    // and the answer prompts of the robustness conditions (lib/prompts/condition-prompt.ts).
    assert.deepEqual(listPrompts().map((prompt) => prompt.id).filter((id) => id.startsWith("answer-statement-")), [
      "answer-statement-de",
      "answer-statement-scaled",
      "answer-statement-paraphrase-1",
      "answer-statement-paraphrase-2",
    ]);
    assert.deepEqual(
      listPrompts().map((prompt) => prompt.id).filter((id) => !id.startsWith("answer-statement-")).sort(),
      [
        "annotate-strategies", "answer-statement", "continue-with-traits", "continue-without-traits", "describe-traits", "expand-persona",
        "extract-persona", "extract-persona-from-dialogue", "filter-persona", "generate-dialogue", "judge-pair",
        "role-play-seeker", "role-play-supporter",
      ],
    );
  });

  test("each template uses exactly the variables its registry entry declares", () => {
    for (const spec of listPrompts()) {
      const used = templateVariables(parseTemplate(readFileSync(promptTemplatePath(spec.id), "utf8"), spec.id));
      const inTemplate = new Set([...used.text, ...used.switches.keys()]);
      assert.deepEqual([...inTemplate].sort(), spec.variables.map((variable) => variable.name).sort(), spec.id);
    }
  });

  test("every prompt renders with its variables, each value appearing in the text", () => {
    for (const spec of listPrompts()) {
      const variables = sampleVariables(spec.id);
      const rendered = renderPrompt(spec.id, variables);
      for (const value of Object.values(variables)) assert.ok(rendered.text.includes(value), `${spec.id}: ${value}`);
      assert.doesNotMatch(rendered.text, /\{\{\s*[#^/]?[A-Za-z]/, spec.id);
      assert.equal(rendered.messages.length, 1);
      assert.equal(rendered.messages[0].role, "user");
      assert.equal(rendered.messages[0].content, rendered.text);
      assert.equal(rendered.prompt.id, spec.id);
      assert.equal(rendered.prompt.version, "v1");
    }
  });

  test("the hash is the sha256 of the template file text", () => {
    const text = readFileSync(promptTemplatePath("answer-statement"), "utf8");
    const rendered = renderPrompt("answer-statement", { description: "d", statement: "s" });
    assert.equal(rendered.prompt.hash, createHash("sha256").update(text, "utf8").digest("hex"));
    assert.match(rendered.prompt.hash, /^[0-9a-f]{64}$/);
  });

  test("the answer-statement prompt keeps the paper's Figure 13 wording", () => {
    const rendered = renderPrompt("answer-statement", { description: "DESC", statement: "STATEMENT" });
    assert.match(rendered.text, /5=strongly agree, 4=agree, 3=neutral, 2=disagree, 1=strongly disagree/);
    assert.match(rendered.text, /The personality description: DESC\nThe statement: STATEMENT$/);
  });

  test("extract-persona: the role defaults to Seeker and the source kind switches the wording", () => {
    const seeker = renderPrompt("extract-persona", { sourceText: "TEXT" });
    assert.match(seeker.text, /extract the Seeker's persona/);
    assert.match(seeker.text, /a dialogue between a Seeker and a Supporter/);
    const supporter = renderPrompt("extract-persona", { sourceText: "TEXT", role: "Supporter", sourceKind: "post" });
    assert.match(supporter.text, /extract the Supporter's persona/);
    assert.match(supporter.text, /based on the post given below:\nTEXT/);
    assert.doesNotMatch(supporter.text, /dialogue/);
    assert.match(seeker.text, /"problem"/);
  });

  test("continue-with-traits: HEXACO-only and CSI-only variants", () => {
    const base = { strategyDefinitions: "DEFS", history: "HISTORY" };
    const both = renderPrompt("continue-with-traits", { ...base, hexacoDescriptions: "HD", hexacoScores: "HS", csiDescriptions: "CD", csiScores: "CS" });
    assert.match(both.text, /HEXACO Personality Indicators/);
    assert.match(both.text, /Communication Style Inventory \(CSI\)/);
    const hexacoOnly = renderPrompt("continue-with-traits", { ...base, csi: false, hexacoDescriptions: "HD", hexacoScores: "HS" });
    assert.match(hexacoOnly.text, /HEXACO Personality Indicators/);
    assert.doesNotMatch(hexacoOnly.text, /Communication Style Inventory/);
    const csiOnly = renderPrompt("continue-with-traits", { ...base, hexaco: false, csiDescriptions: "CD", csiScores: "CS" });
    assert.doesNotMatch(csiOnly.text, /HEXACO/);
    assert.match(csiOnly.text, /Below is the CSI scores:\nCS/);
  });
});

describe("render errors", () => {
  test("a missing variable fails with a typed error naming it", () => {
    assert.throws(
      () => renderPrompt("answer-statement", { description: "d" }),
      (error: unknown) => error instanceof PromptTemplateError && error.missing.includes("statement") && /statement/.test(error.message),
    );
  });

  test("an unused variable fails with a typed error naming it", () => {
    assert.throws(
      () => renderPrompt("answer-statement", { description: "d", statement: "s", persona: "x" }),
      (error: unknown) => error instanceof PromptTemplateError && error.unused.includes("persona"),
    );
  });

  test("a variable inside a switched-off section counts as unused", () => {
    assert.throws(
      () =>
        renderPrompt("continue-with-traits", {
          strategyDefinitions: "D", history: "H", hexaco: false, hexacoDescriptions: "HD", hexacoScores: "HS", csiDescriptions: "CD", csiScores: "CS",
        }),
      (error: unknown) => error instanceof PromptTemplateError && error.unused.sort().join() === "hexacoDescriptions,hexacoScores",
    );
  });

  test("section switches are type-checked", () => {
    assert.throws(() => renderPrompt("extract-persona", { sourceText: "t", sourceKind: "tweet" }), PromptTemplateError);
    assert.throws(
      () => renderPrompt("continue-with-traits", { strategyDefinitions: "D", history: "H", hexaco: "no", hexacoDescriptions: "a", hexacoScores: "b", csiDescriptions: "c", csiScores: "d" }),
      PromptTemplateError,
    );
    assert.throws(() => renderPrompt("answer-statement", { description: true, statement: "s" }), PromptTemplateError);
  });

  test("an unknown prompt id is a DataError", () => {
    assert.throws(() => renderPrompt("no-such-prompt", {}), DataError);
  });

  test("template syntax errors are reported", () => {
    assert.throws(() => parseTemplate("{{#a}}{{#b}}x{{/b}}{{/a}}"), /do not nest/);
    assert.throws(() => parseTemplate("{{#a}} never closed"), /never closed/);
    assert.throws(() => parseTemplate("{{/a}}"), /closes no open section/);
  });

  test("a registry with a duplicate id or a bad default is rejected", () => {
    const entry = { id: "x", version: "v1", file: "t.md", source: "s", variables: [], output: { shape: "text", parser: "p" } };
    assert.throws(() => parsePromptRegistry(JSON.stringify({ prompts: [entry, entry] })), /duplicate prompt id/);
    const badDefault = { ...entry, variables: [{ name: "k", kind: "choice", choices: ["a"], default: "b", description: "" }] };
    assert.throws(() => parsePromptRegistry(JSON.stringify({ prompts: [badDefault] })), DataError);
    assert.throws(() => parsePromptRegistry("{not json"), DataError);
  });
});

describe("overrides", () => {
  test("an override changes the text, the hash and the version; clearing restores them", () => {
    const original = renderPrompt("answer-statement", { description: "d", statement: "s" });
    setPromptOverride("answer-statement", "Rate 1-5. Person: {{description}}. Statement: {{statement}}.");
    const overridden = renderPrompt("answer-statement", { description: "d", statement: "s" });
    assert.equal(overridden.text, "Rate 1-5. Person: d. Statement: s.");
    assert.notEqual(overridden.prompt.hash, original.prompt.hash);
    assert.equal(overridden.prompt.version, "v1+override");
    clearPromptOverrides();
    assert.deepEqual(renderPrompt("answer-statement", { description: "d", statement: "s" }).prompt, original.prompt);
  });

  test("a per-call override map wins and an override that drops a variable makes that variable unused", () => {
    const rendered = renderPrompt("filter-persona", { description: "D", problem: "P" }, { overrides: { "filter-persona": "Check {{description}} / {{problem}}" } });
    assert.equal(rendered.text, "Check D / P");
    assert.throws(
      () => renderPrompt("filter-persona", { description: "D", problem: "P" }, { overrides: { "filter-persona": "Check {{description}}" } }),
      (error: unknown) => error instanceof PromptTemplateError && error.unused.includes("problem"),
    );
  });

  test("templates are read at call time: editing the file changes the hash", () => {
    const folder = mkdtempSync(join(tmpdir(), "persona-talks-prompts-"));
    const previous = process.env.PERSONA_TALKS_ROOT;
    try {
      writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "persona-talks" }));
      cpSync(join(projectRoot(), "lib", "prompts"), join(folder, "lib", "prompts"), { recursive: true });
      process.env.PERSONA_TALKS_ROOT = folder;
      const before = renderPrompt("answer-statement", { description: "d", statement: "s" });
      const file = join(folder, "lib", "prompts", "templates", "answer-statement.v1.md");
      writeFileSync(file, readFileSync(file, "utf8").replace("Please answer the statement", "Please do answer the statement"));
      const after = renderPrompt("answer-statement", { description: "d", statement: "s" });
      assert.notEqual(after.prompt.hash, before.prompt.hash);
      assert.match(after.text, /Please do answer/);
    } finally {
      if (previous === undefined) delete process.env.PERSONA_TALKS_ROOT;
      else process.env.PERSONA_TALKS_ROOT = previous;
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("recoverPromptVariables", () => {
  test("reads back the variables of every prompt from its rendered text", () => {
    for (const spec of listPrompts()) {
      const variables = sampleVariables(spec.id);
      const recovered = recoverPromptVariables(spec.id, renderPrompt(spec.id, variables).text);
      assert.ok(recovered, spec.id);
      for (const [name, value] of Object.entries(variables)) assert.equal(recovered[name], value, `${spec.id}.${name}`);
    }
  });

  test("tells the section variants apart", () => {
    const text = renderPrompt("continue-with-traits", { strategyDefinitions: "D", history: "H\nmore", hexaco: false, csiDescriptions: "CD", csiScores: "CS" }).text;
    const recovered = recoverPromptVariables("continue-with-traits", text)!;
    assert.equal(recovered.hexaco, false);
    assert.equal(recovered.csi, true);
    assert.equal(recovered.history, "H\nmore");
    const post = recoverPromptVariables("extract-persona", renderPrompt("extract-persona", { sourceKind: "post", sourceText: "I'm 23." }).text)!;
    assert.equal(post.sourceKind, "post");
    assert.equal(post.sourceText, "I'm 23.");
  });

  test("returns undefined for text that does not fit", () => {
    assert.equal(recoverPromptVariables("answer-statement", "Something else entirely"), undefined);
  });
});

test("structured-output schemas are offered only for object answers", () => {
  assert.equal(promptJsonSchema("filter-persona")?.schema.type, "object");
  assert.equal(promptJsonSchema("judge-pair")?.name, "judge_pair");
  assert.equal(promptJsonSchema("continue-with-traits"), undefined);
  assert.equal(promptJsonSchema("answer-statement"), undefined);
});
