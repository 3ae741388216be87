import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatPersonaCardsCsv,
  formatPersonaCardsJsonl,
  parsePersonaCards,
} from "../../lib/data/persona-card";
import type { PersonaCard } from "../../lib/data/types";
import { DataError } from "../../lib/errors";

const cards: PersonaCard[] = [
  {
    id: "cams:added_CAMS_data:2",
    sourceDataset: "cams",
    sourceId: "added_CAMS_data:2",
    age: "young",
    gender: "male",
    occupation: "student",
    description: "A 20-year-old student, lives with \"two\" roommates,\nworks part-time.",
    problem: "His brother stopped talking to him.",
  },
  {
    id: "personahub:7",
    sourceDataset: "personahub",
    sourceId: "7",
    age: "unknown",
    gender: "unknown",
    occupation: "",
    description: " leading space kept",
    problem: "Feels isolated after moving.",
  },
];

test("persona cards round-trip through CSV, JSON lines and JSON", () => {
  assert.deepEqual(parsePersonaCards(formatPersonaCardsCsv(cards), "cards.csv"), cards);
  assert.deepEqual(parsePersonaCards(formatPersonaCardsJsonl(cards), "cards.jsonl"), cards);
  assert.deepEqual(parsePersonaCards(JSON.stringify(cards), "cards.json"), cards);
});

test("bad persona cards name file, record and field", () => {
  const wrongAge = formatPersonaCardsJsonl([{ ...cards[0], age: "ancient" as PersonaCard["age"] }]);
  assert.throws(
    () => parsePersonaCards(wrongAge, "cards.jsonl"),
    (error: unknown) => error instanceof DataError && error.location.record === 1 && error.location.field === "age",
  );
  const csv = formatPersonaCardsCsv(cards).replace(",personahub,", ",reddit,");
  assert.throws(
    () => parsePersonaCards(csv, "cards.csv"),
    (error: unknown) => error instanceof DataError && error.location.record === 2 && error.location.field === "sourceDataset",
  );
  assert.throws(
    () => parsePersonaCards("id,age\nx,young\n", "cards.csv"),
    (error: unknown) => error instanceof DataError && error.location.record === "header" && error.location.field === "sourceDataset",
  );
  assert.throws(
    () => parsePersonaCards(JSON.stringify([cards[0], cards[0]]), "cards.json"),
    (error: unknown) => error instanceof DataError && error.location.record === 2 && error.location.field === "id",
  );
});
