import { UsageError } from "../errors";
import type { QuestionModule } from "./question-module";
import { dataQuestion } from "./data/question";
import { psychometricsQuestion } from "./psychometrics/question";
import { rq1Question } from "./rq1/question";
import { rq2Question } from "./rq2/question";
import { rq3Question } from "./rq3/question";
import { robustnessQuestion } from "./robustness/question";

/** The paper's questions, in the order `analyze --help`, reproduce and the notebooks list them. */
const BUILT_IN: readonly QuestionModule[] = [dataQuestion, rq1Question, rq2Question, rq3Question, psychometricsQuestion, robustnessQuestion];

const questions = new Map<string, QuestionModule>(BUILT_IN.map((module) => [module.id, module as QuestionModule]));

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Adds a question (a module of the QuestionModule shape); its id must be new: lowercase letters, digits and "-". */
export function registerQuestion(module: QuestionModule<any>): QuestionModule {
  if (!module || typeof module !== "object" || typeof module.id !== "string" || typeof module.analyze !== "function") {
    throw new UsageError("registerQuestion: pass a question module with at least id, title, question, prompts, nMeaning, options and analyze (see docs/architecture.md, Add a question)");
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
