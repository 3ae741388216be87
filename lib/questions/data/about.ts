/** The data overview's identity: what it asks, the prompts it renders, what --n counts, its notebook. */
export const DATA_ABOUT = {
  id: "data",
  title: "The data: datasets, persona cards, Table 1",
  question: "What do the source datasets contain, and what persona cards can be extracted from them (Section 3)?",
  prompts: ["extract-persona", "filter-persona"],
  nMeaning: "personas measured per dataset (extracted and kept by the filter)",
  notebook: { file: "00-data.ipynb", title: "00 · The data: datasets, persona cards, Table 1" },
} as const;
