import { createRequire } from "node:module";
import { join } from "node:path";
import { z } from "zod";
import { DataError, UsageError } from "../errors";
import { projectRoot } from "../paths";
import type { CatalogEntry } from "./catalog";
import { validateInventory, type Inventory } from "./inventory-schema";

// An inventory that ships in an npm package (catalog entry with a `package` source), read through the package's
// own API and turned into the documented inventory format (docs/inventory.md), so that answering, scoring,
// reliability and correlation stay the generic code. The one package format known is @bigfive-org/questions
// (Johnson's IPIP-NEO-120, MIT): items with `num`, `keyed` ("plus"/"minus"), a domain letter and a facet number;
// domain and facet names from @bigfive-org/results.

const questionSchema = z.object({ id: z.string().min(1), text: z.string().min(1), keyed: z.enum(["plus", "minus"]), domain: z.string().min(1), facet: z.number().int().positive(), num: z.number().int().positive() });
const languageSchema = z.object({ id: z.string().min(1), text: z.string().min(1) });
const resultDomainSchema = z.object({ domain: z.string().min(1), title: z.string().min(1), facets: z.array(z.object({ facet: z.number().int(), title: z.string().min(1) })) });

interface QuestionsPackage {
  getItems(language?: string): unknown;
  getInfo(): { languages: unknown };
}
interface ResultsPackage {
  getTemplate(language?: string): unknown;
}

const requireFromProject = () => createRequire(join(projectRoot(), "package.json"));

function load<T>(name: string): T {
  try {
    return requireFromProject()(name) as T;
  } catch {
    throw new DataError(`the npm package ${name} is not installed; run \`npm install\``, { field: "package" });
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DataError(`${what}: ${issue.message}`, { file, record: issue.path.slice(0, 1).map(String).join("") || undefined, field: issue.path.slice(1).join(".") || undefined });
  }
  return result.data;
}

/** A language the package ships, with the number of items whose text is still the English one (untranslated). */
export interface PackageLanguage {
  code: string;
  name: string;
  untranslated: number;
  items: number;
}

const languageCache = new Map<string, PackageLanguage[]>();

/** The languages a package inventory ships, each with how many of its items are untranslated (text identical to English). */
export function packageLanguages(entry: CatalogEntry): PackageLanguage[] {
  const source = packageSource(entry);
  const known = languageCache.get(source.package);
  if (known) return known;
  const questions = load<QuestionsPackage>(source.package);
  const languages = parse(z.array(languageSchema), questions.getInfo().languages, "languages", source.package);
  const english = new Map(questionsOf(source.package, questions, "en").map((item) => [item.id, item.text]));
  const result = languages.map(({ id, text }) => {
    const items = questionsOf(source.package, questions, id);
    const untranslated = id === "en" ? 0 : items.filter((item) => english.get(item.id) === item.text).length + Math.max(0, english.size - items.length);
    return { code: id, name: text, untranslated, items: items.length };
  });
  languageCache.set(source.package, result);
  return result;
}

function packageSource(entry: CatalogEntry): NonNullable<CatalogEntry["package"]> {
  if (!entry.package) throw new DataError(`inventory "${entry.name}" has no package source`, { file: "lib/inventory/catalog.json", field: "package" });
  return entry.package;
}

function questionsOf(name: string, questions: QuestionsPackage, language: string) {
  // getItems numbers a fresh copy of the items (num = position + 1) and adds the choices; we read num, text and key.
  return parse(z.array(questionSchema), questions.getItems(language), `items (${language})`, name);
}

/**
 * The one-line refusal of a language: unknown to the package, or with untranslated items (a statement left in
 * English inside a foreign instruction is refused, not sent silently).
 */
export function checkPackageLanguage(entry: CatalogEntry, language: string): PackageLanguage {
  const languages = packageLanguages(entry);
  const found = languages.find((candidate) => candidate.code === language);
  if (!found) {
    throw new UsageError(`unknown language "${language}" for ${entry.name}; the package ships: ${languages.map((l) => l.code).join(", ")}`);
  }
  if (found.untranslated > 0) {
    throw new UsageError(
      `${entry.name} in "${language}" (${found.name}) has ${found.untranslated} of ${found.items} items untranslated (still English); choose a complete language: ${completeLanguages(entry).join(", ")}`,
    );
  }
  return found;
}

/** The language codes whose every item is translated. */
export function completeLanguages(entry: CatalogEntry): string[] {
  return packageLanguages(entry)
    .filter((language) => language.untranslated === 0)
    .map((language) => language.code);
}

const inventoryCache = new Map<string, Inventory>();

/** A catalog inventory with a `package` source, in a language the package ships completely (default English). */
export function loadPackageInventory(id: string, entry: CatalogEntry, language = "en"): Inventory {
  const memo = `${id}\u0000${language}`;
  const cached = inventoryCache.get(memo);
  if (cached) return cached;
  const source = packageSource(entry);
  if (language !== "en") checkPackageLanguage(entry, language);
  const questions = load<QuestionsPackage>(source.package);
  const english = questionsOf(source.package, questions, "en");
  const translated = new Map(questionsOf(source.package, questions, language).map((item) => [item.id, item.text]));
  const results = load<ResultsPackage>(source.facets);
  const domains = parse(z.array(resultDomainSchema), results.getTemplate("en"), "domains", source.facets);
  const domainByLetter = new Map(domains.map((domain) => [domain.domain, domain]));
  const order = source.domainOrder ?? domains.map((domain) => domain.domain);
  const titleOf = (letter: string, record: string) => {
    const domain = domainByLetter.get(letter);
    if (!domain) throw new DataError(`domain "${letter}" is not in ${source.facets}`, { file: source.package, record, field: "domain" });
    return domain;
  };
  const raw = {
    id,
    name: entry.name,
    title: entry.title,
    citation: entry.citation,
    source: `npm ${source.package} (facet names: ${source.facets})`,
    license: entry.license,
    language,
    scale: { min: 1, max: 5 },
    domains: order.map((letter) => titleOf(letter, "domainOrder").title),
    items: english.map((item) => {
      const domain = titleOf(item.domain, `items[${item.num - 1}]`);
      const facet = domain.facets.find((candidate) => candidate.facet === item.facet);
      if (!facet) throw new DataError(`facet ${item.facet} of domain ${item.domain} is not in ${source.facets}`, { file: source.package, record: `num ${item.num}`, field: "facet" });
      return { id: item.num, text: translated.get(item.id) ?? item.text, domain: domain.title, facet: facet.title, reversed: item.keyed === "minus" };
    }),
  };
  const inventory = validateInventory(raw, `${source.package} (${language})`);
  if (inventory.items.length !== entry.items) {
    throw new DataError(`expected ${entry.items} items, found ${inventory.items.length}`, { file: source.package, field: "items" });
  }
  inventoryCache.set(memo, inventory);
  return inventory;
}
