// The planted-bug list of `npm run test:mutants` (test/support/mutations.json): its schema, and where each
// mutation's snippet and test files are now. Snippets are found by content anywhere under lib/, so the list
// survives files moving between folders; a test file that moved is found by its name anywhere under test/.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { z } from "zod";

const MutationSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "lower-case words joined by -"),
    area: z.string().min(1),
    bug: z.string().min(1),
    /** An exact snippet of a lib/ file (whitespace included); it must occur exactly once in that file. */
    find: z.string().min(1),
    replace: z.string(),
    /** Other snippets the file must also hold: picks one file when the `find` snippet is in several. */
    near: z.array(z.string().min(1)).optional(),
    /** Test files (from the project root) that must fail with the bug planted. */
    tests: z.array(z.string().regex(/\.test\.ts$/)).min(1),
  })
  .strict();

const MutationListSchema = z.object({ description: z.string(), mutations: z.array(MutationSchema).min(1) }).strict();

export type Mutation = z.infer<typeof MutationSchema>;

export const MUTATION_LIST = join("test", "support", "mutations.json");

/** Reads and checks the list; a bad list throws naming the file, the mutation and the field. */
export function loadMutations(root: string, file = join(root, MUTATION_LIST)): Mutation[] {
  const result = MutationListSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${relative(root, file)}: ${issue.path.join(".")}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const mutation of result.data.mutations) {
    if (seen.has(mutation.id)) throw new Error(`${relative(root, file)}: mutation id "${mutation.id}" appears twice`);
    if (mutation.find === mutation.replace) throw new Error(`${relative(root, file)}: mutation "${mutation.id}" replaces its snippet by itself`);
    seen.add(mutation.id);
  }
  return result.data.mutations;
}

/** Every file under `folder` whose name ends with one of `suffixes`, as paths relative to `root`, sorted. */
export function filesUnder(root: string, folder: string, suffixes: readonly string[]): string[] {
  const base = join(root, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, encoding: "utf8" })
    .filter((file) => suffixes.some((suffix) => file.endsWith(suffix)))
    .map((file) => join(folder, file))
    .sort();
}

function occurrences(text: string, snippet: string): number {
  let count = 0;
  for (let at = text.indexOf(snippet); at >= 0; at = text.indexOf(snippet, at + snippet.length)) count++;
  return count;
}

export type Location =
  | { status: "found"; file: string; tests: string[] }
  | { status: "stale"; reason: string };

/**
 * Where `mutation` applies now: the one lib/ file holding its snippet exactly once (and every `near` snippet), and
 * its test files (moved ones found by name under test/). Stale, with the reason, when that is not exactly one file
 * or a test file is gone.
 */
export function locateMutation(root: string, mutation: Mutation, sources: ReadonlyMap<string, string> = readSources(root)): Location {
  const candidates = [...sources].filter(([, text]) => text.includes(mutation.find) && (mutation.near ?? []).every((near) => text.includes(near)));
  if (candidates.length === 0) return { status: "stale", reason: "snippet not found in lib/" };
  if (candidates.length > 1) return { status: "stale", reason: `snippet in ${candidates.length} files (${candidates.map(([file]) => file).join(", ")}): add a "near" snippet` };
  const [file, text] = candidates[0];
  const count = occurrences(text, mutation.find);
  if (count !== 1) return { status: "stale", reason: `snippet ${count} times in ${file}: make it longer` };
  const tests: string[] = [];
  let allTests: string[] | undefined;
  for (const test of mutation.tests) {
    if (existsSync(join(root, test))) {
      tests.push(test);
      continue;
    }
    allTests ??= filesUnder(root, "test", [".test.ts"]);
    const moved = allTests.filter((candidate) => basename(candidate) === basename(test));
    if (moved.length !== 1) return { status: "stale", reason: `test file ${test} not found${moved.length > 1 ? ` (${moved.length} files of that name)` : ""}` };
    tests.push(moved[0]);
  }
  return { status: "found", file, tests };
}

/** The text of every .ts file under lib/, by path relative to `root`. */
export function readSources(root: string): Map<string, string> {
  return new Map(filesUnder(root, "lib", [".ts"]).map((file) => [file, readFileSync(join(root, file), "utf8")]));
}

/** `text` with the mutation applied (its snippet occurs exactly once: see locateMutation). */
export function applyMutation(text: string, mutation: Mutation): string {
  const at = text.indexOf(mutation.find);
  if (at < 0) throw new Error(`mutation ${mutation.id}: snippet not found`);
  return text.slice(0, at) + mutation.replace + text.slice(at + mutation.find.length);
}
