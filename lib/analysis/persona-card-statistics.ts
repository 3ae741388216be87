import type { PersonaCard } from "../data/types";
import { DataError } from "../errors";
import { mean } from "../stats/descriptive";
import { rowsOf } from "./rows";
import { wordCount } from "./turns";

export interface PersonaCardStatistics {
  dataset: string;
  /** "dialogue" for ESConv, "QA" for the Reddit-post datasets (Table 1's "Data Type"). */
  dataType: string;
  personas: number;
  averageDescriptionWords: number;
  averageProblemWords: number;
  /** Cards whose field is known (not "unknown", not empty). */
  withAge: number;
  withGender: number;
  withOccupation: number;
  /** Cards marked kept: false by the filter stage (excluded from every other number). */
  rejected: number;
}

const DATA_TYPES: Readonly<Record<string, string>> = {
  esconv: "dialogue",
  cams: "QA",
  dreaddit: "QA",
  personahub: "persona",
  generated: "generated",
  custom: "custom",
};

function known(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const normalized = value.trim().toLowerCase();
  return normalized.length > 0 && normalized !== "unknown";
}

/**
 * Table 1: per source dataset, the number of kept persona cards, average words of description and problem, and
 * how many cards have a known age, gender and occupation. Cards with `kept: false` are counted as rejected only.
 */
export function personaCardStatistics(cards: unknown): PersonaCardStatistics[] {
  const all = rowsOf<PersonaCard & { kept?: boolean }>(cards, "persona cards");
  const datasets = [...new Set(all.map((card) => card.sourceDataset))];
  return datasets.map((dataset) => {
    const ofDataset = all.filter((card) => card.sourceDataset === dataset);
    const kept = ofDataset.filter((card) => card.kept !== false);
    kept.forEach((card, index) => {
      for (const field of ["description", "problem"] as const) {
        if (typeof card[field] !== "string") {
          throw new DataError(`${field} must be a string`, { file: "persona cards", record: card.id ?? index, field });
        }
      }
    });
    return {
      dataset,
      dataType: DATA_TYPES[dataset] ?? "",
      personas: kept.length,
      averageDescriptionWords: mean(kept.map((card) => wordCount(card.description))),
      averageProblemWords: mean(kept.map((card) => wordCount(card.problem))),
      withAge: kept.filter((card) => known(card.age)).length,
      withGender: kept.filter((card) => known(card.gender)).length,
      withOccupation: kept.filter((card) => known(card.occupation)).length,
      rejected: ofDataset.length - kept.length,
    };
  });
}
