import { test } from "node:test";
import assert from "node:assert/strict";
import { composeDescription, formatCardMappingReport, parseOutsidePersonaCards } from "../../lib/data/import-persona-cards";
import { splitKeyValueBlock } from "../../lib/data/card-fields";
import { validatePersonaCard } from "../../lib/data/persona-card";
import { normalizeAge } from "../../lib/data/normalize-demographics";

const ROLEPLAY = [
  { Age: "Not mentioned", Gender: "Female", Occupation: "teacher", Problem: "My principal keeps adding duties." },
  { Age: "26", Gender: "Male", Occupation: "nurse", Problem: "I cannot sleep since my mother got sick." },
  { Age: "in her forties", Gender: "Female", Occupation: "Not mentioned", Problem: "My son stopped talking to me." },
  { Age: "teenager", Gender: "Not mentioned", Occupation: "student", Problem: "I failed two exams." },
];
const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join("\n") + "\n";

test("free-text ages map onto the paper's five groups", () => {
  const cases: Array<[string, string]> = [
    ["26", "young"], ["in her forties", "middle-aged"], ["teenager", "teenage"], ["Not mentioned", "unknown"],
    ["late twenties", "young"], ["in his sixties", "old"], ["early 30s", "young"], ["45 years old", "middle-aged"], ["middle-aged", "middle-aged"],
  ];
  for (const [text, group] of cases) assert.equal(normalizeAge(text), group, text);
});

test("a role-play benchmark's cards (Age/Gender/Occupation/Problem): mapped, ids and descriptions made, reported", () => {
  const { cards, report } = parseOutsidePersonaCards(jsonl(ROLEPLAY), "cards.jsonl");
  assert.equal(cards.length, 4);
  assert.deepEqual(cards.map((card) => [card.age, card.gender, card.occupation]), [
    ["unknown", "female", "teacher"], ["young", "male", "nurse"], ["middle-aged", "female", "unknown"], ["teenage", "unknown", "student"],
  ]);
  for (const [index, card] of cards.entries()) {
    validatePersonaCard(card, "cards.jsonl", index + 1);
    assert.equal(card.sourceDataset, "custom");
    assert.match(card.id, /^custom:[0-9a-f]{12}$/);
    assert.equal(card.problem, ROLEPLAY[index].Problem);
  }
  assert.equal(cards[1].description, "A young male nurse.");
  assert.deepEqual(report.mapped, { Age: "age", Gender: "gender", Occupation: "occupation", Problem: "problem" });
  assert.equal(report.defaulted.id.count, 4);
  assert.equal(report.defaulted.description.count, 4);
  assert.deepEqual(report.ages.find((age) => age.text === "in her forties"), { text: "in her forties", group: "middle-aged", count: 1 });
  assert.equal(report.unreadableCount, 0, "'Not mentioned' is an explicit unknown, not unreadable");
  const lines = formatCardMappingReport(report).join("\n");
  assert.match(lines, /Read 4 persona cards/);
  assert.match(lines, /"26" -> young/);
  assert.match(lines, /id: 4 card\(s\) generated/);
});

test("generated ids are stable: they follow the card's content, not its position", () => {
  const first = parseOutsidePersonaCards(jsonl(ROLEPLAY), "a.jsonl").cards;
  const reversed = parseOutsidePersonaCards(jsonl([...ROLEPLAY].reverse()), "b.jsonl").cards;
  assert.deepEqual(reversed.map((card) => card.id).reverse(), first.map((card) => card.id));
  const changed = parseOutsidePersonaCards(jsonl([{ ...ROLEPLAY[0], Problem: "Something else." }]), "c.jsonl").cards;
  assert.notEqual(changed[0].id, first[0].id);
  const twice = parseOutsidePersonaCards(jsonl([ROLEPLAY[0], ROLEPLAY[0]]), "d.jsonl", { source: "bench" }).cards;
  assert.deepEqual(twice.map((card) => card.id), [first[0].id.replace("custom:", "bench:"), `${first[0].id.replace("custom:", "bench:")}-2`]);
});

test("cards as one block of 'Key: value' lines are split; aliases and case do not matter", () => {
  assert.deepEqual(splitKeyValueBlock("Age: 26\nGender: Female\nProblem: I lost my job\nand my flat."), { Age: "26", Gender: "Female", Problem: "I lost my job and my flat." });
  assert.equal(splitKeyValueBlock("Dear diary: today was long."), undefined);
  const text = jsonl([
    "AGE: 31\nSEX: f\nJob: engineer\nSituation: My team lead shouts at me.",
    { persona: "Age: teenager\nGender: male\nOccupation: student\nIssue: bullied at school" },
  ]);
  const { cards, report } = parseOutsidePersonaCards(text, "blocks.jsonl");
  assert.deepEqual(cards.map((card) => [card.age, card.gender, card.occupation, card.problem]), [
    ["young", "female", "engineer", "My team lead shouts at me."],
    ["teenage", "male", "student", "bullied at school"],
  ]);
  assert.deepEqual(report.split, { "(text)": 1, persona: 1 });
  const blocks = parseOutsidePersonaCards("Age: 26\nGender: Female\nJob: nurse\nSituation: tired\n\nAge: Not mentioned\nSex: m\nProblem: lonely\n", "cards.txt");
  assert.equal(blocks.report.format, "text");
  assert.deepEqual(blocks.cards.map((card) => [card.age, card.gender, card.occupation, card.problem]), [["young", "female", "nurse", "tired"], ["unknown", "male", "unknown", "lonely"]]);
});

test("CSV and JSON arrays; given ids kept; unreadable values reported; unmapped fields go into the composed description", () => {
  const csv = "ID,Sex,Age Group,Profession,Situation,Hobby\np1,Female,sometime,baker,\"Flour prices, again.\",chess\np2,unknown,old,,Lonely.,\n";
  const { cards, report } = parseOutsidePersonaCards(csv, "cards.csv", { source: "bakery" });
  assert.deepEqual(cards.map((card) => card.id), ["bakery:p1", "bakery:p2"]);
  assert.equal(cards[0].age, "unknown");
  assert.equal(cards[0].problem, "Flour prices, again.");
  assert.equal(cards[0].description, "A female baker. Hobby: chess.");
  assert.equal(cards[1].description, "An older person.");
  assert.deepEqual(report.unreadable, [{ record: 1, field: "age", value: "sometime" }]);
  assert.equal(report.mapped.Hobby, "(description)");
  const array = parseOutsidePersonaCards(JSON.stringify([{ id: "x", description: "A calm man.", problem: "Stress." }]), "cards.json");
  assert.equal(array.report.format, "json");
  assert.equal(array.cards[0].description, "A calm man.");
  assert.equal(array.report.defaulted.age.count, 1);
  assert.throws(() => parseOutsidePersonaCards("[1, 2]", "numbers.json"), /no persona cards could be read/);
  assert.throws(() => parseOutsidePersonaCards(jsonl(ROLEPLAY), "x.jsonl", { source: "bad name" }), /--source must be a name/);
  assert.equal(composeDescription({ age: "unknown", gender: "unknown", occupation: "unknown" }), "A person.");
});

test("outside cards: metadata and copies in another language stay out of composed descriptions, listed in the report (issue 24)", () => {
  const record = { age: "34", gender: "female", occupation: "nurse", problem: "Night shifts.", source: "ESC-Eval", language: "en", base_biaozhu: "年龄：34岁，性别：女，职业：护士，问题：夜班太多", hobby: "running" };
  const { cards, report } = parseOutsidePersonaCards(JSON.stringify([record]), "roles.json");
  assert.match(cards[0].description, /^An? [a-z-]+ female nurse\. Hobby: running\.$/);
  assert.ok(!cards[0].description.includes("ESC-Eval") && !cards[0].description.includes("年龄"), cards[0].description);
  assert.deepEqual(Object.keys(report.excluded).sort(), ["base_biaozhu", "language", "source"]);
  assert.match(formatCardMappingReport(report).join("\n"), /kept out of the descriptions: .*base_biaozhu \(mostly another script/);
  const chosen = parseOutsidePersonaCards(JSON.stringify([record]), "roles.json", { includeFields: ["source"] });
  assert.match(chosen.cards[0].description, /Source: ESC-Eval/);
});
