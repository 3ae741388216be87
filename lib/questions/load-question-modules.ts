import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../errors";
import type { QuestionModule } from "./question-module";
import { getQuestion, hasQuestion, registerQuestion } from "./registry";

// Kept out of registry.ts: the notebook bundle (CommonJS) must not contain a dynamic import(), which costs it its
// source maps in tslab (errors would name the bundle instead of lib/<file>.ts). Notebooks call registerQuestion.

/** The environment variable naming extra question modules (paths, separated by ":" or ","). */
export const QUESTIONS_VARIABLE = "PERSONA_TALKS_QUESTIONS";

/**
 * Registers the question modules named in PERSONA_TALKS_QUESTIONS (files exporting a QuestionModule as `default`
 * or `question`), once each; relative paths are taken from the working directory. Returns the ids it added.
 */
export async function loadQuestionModules(environment: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const value = environment[QUESTIONS_VARIABLE];
  if (!value) return [];
  const added: string[] = [];
  for (const entry of value.split(/[:,]/).map((part) => part.trim()).filter(Boolean)) {
    const path = isAbsolute(entry) ? entry : resolve(entry);
    if (!existsSync(path)) throw new UsageError(`${QUESTIONS_VARIABLE}: ${path} does not exist; name a question module file (see docs/architecture.md, Add a question)`);
    const loaded = (await import(pathToFileURL(path).href)) as { default?: QuestionModule; question?: QuestionModule };
    const module = loaded.question ?? loaded.default;
    if (!module) throw new UsageError(`${QUESTIONS_VARIABLE}: ${path} exports no question module (export it as \`question\` or default)`);
    if (!hasQuestion(module.id) || getQuestion(module.id) !== module) added.push(registerQuestion(module).id);
  }
  return added;
}
