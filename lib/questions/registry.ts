import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../errors";
import type { QuestionModule } from "./question-module";
import { dataQuestion } from "./data/question";
import { psychometricsQuestion } from "./psychometrics/question";
import { rq1Question } from "./rq1/question";
import { rq2Question } from "./rq2/question";
import { rq3Question } from "./rq3/question";

/** The environment variable naming extra question modules (paths, separated by the path delimiter ":" or ","). */
export const QUESTIONS_VARIABLE = "PERSONA_TALKS_QUESTIONS";

/** The paper's questions, in the order `analyze --help`, reproduce and the notebooks list them. */
const BUILT_IN: readonly QuestionModule[] = [dataQuestion, rq1Question, rq2Question, rq3Question, psychometricsQuestion];

const questions = new Map<string, QuestionModule>(BUILT_IN.map((module) => [module.id, module as QuestionModule]));

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Adds a question (a module of the QuestionModule shape); its id must be new: lowercase letters, digits and "-". */
export function registerQuestion(module: QuestionModule<any>): QuestionModule {
  if (!module || typeof module !== "object" || typeof module.id !== "string" || typeof module.analyze !== "function") {
    throw new UsageError("registerQuestion: pass a question module with at least id, title, question, prompts, nMeaning, options and analyze (see docs/architecture-questions.md)");
  }
  if (!ID.test(module.id)) throw new UsageError(`registerQuestion: question id "${module.id}" must be lowercase letters, digits and "-" (it names the CLI argument and the export folder)`);
  const known = questions.get(module.id);
  if (known && known !== module) throw new UsageError(`registerQuestion: a question "${module.id}" is registered already`);
  questions.set(module.id, module);
  return module;
}

/** Every registered question, built-in ones first. */
export function listQuestions(): QuestionModule[] {
  return [...questions.values()];
}

/** The ids of every registered question ("data, rq1, rq2, rq3, psychometrics"). */
export function questionIds(): string[] {
  return [...questions.keys()];
}

export function hasQuestion(id: string): boolean {
  return questions.has(id);
}

/** The question registered as `id`; an unknown id is a UsageError naming every registered question. */
export function getQuestion(id: string): QuestionModule {
  const module = questions.get(id);
  if (!module) throw new UsageError(`unknown question "${id}"; use ${questionIds().join(", ")}`);
  return module;
}

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
    if (!existsSync(path)) throw new UsageError(`${QUESTIONS_VARIABLE}: ${path} does not exist; name a question module file (see docs/architecture-questions.md)`);
    const loaded = (await import(pathToFileURL(path).href)) as { default?: QuestionModule; question?: QuestionModule };
    const module = loaded.question ?? loaded.default;
    if (!module) throw new UsageError(`${QUESTIONS_VARIABLE}: ${path} exports no question module (export it as \`question\` or default)`);
    if (questions.get(module.id) !== module) added.push(registerQuestion(module).id);
  }
  return added;
}
