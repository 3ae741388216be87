import type { PersonaCardStatistics } from "../analysis/persona-card-statistics";
import { formatNumber } from "./format";
import { statisticRows } from "./statistic-rows";
import type { Table, TableColumn } from "./table";

const DATASET_LABELS: Readonly<Record<string, string>> = {
  esconv: "ESConv",
  cams: "CAMS",
  dreaddit: "Dreaddit",
  personahub: "PersonaHub",
  generated: "Generated",
};

const STATISTIC_ROWS: readonly [keyof PersonaCardStatistics, string][] = [
  ["dataType", "Data Type"],
  ["personas", "Num. of personas"],
  ["averageDescriptionWords", "Avg. words of desc."],
  ["averageProblemWords", "Avg. words of prob."],
  ["withAge", "Num. of age"],
  ["withGender", "Num. of gender"],
  ["withOccupation", "Num. of occupation"],
];

/** Table 1: one row per statistic, one column per source dataset. */
export function personaCardTable(
  statistics: readonly PersonaCardStatistics[],
  options: { title?: string; simulated?: boolean; name?: string } = {},
): Table {
  const columns: TableColumn[] = [
    { key: "statistic", label: "Dataset", align: "left" },
    ...statistics.map((item) => ({
      key: item.dataset,
      label: DATASET_LABELS[item.dataset] ?? item.dataset,
      align: "right" as const,
      format: (value: unknown) => (typeof value === "string" ? value : formatNumber(value)),
    })),
  ];
  const rows = statisticRows(statistics, STATISTIC_ROWS, (item) => item.dataset);
  const rejected = statistics.filter((item) => item.rejected > 0);
  return {
    title: options.title ?? "Statistics of the extracted persona cards",
    columns,
    rows,
    notes: [
      "Counts of age, gender and occupation include only cards where the field is known (not \"unknown\" or empty).",
      ...(rejected.length > 0
        ? [`Rejected by the filter and not counted: ${rejected.map((item) => `${item.rejected} ${DATASET_LABELS[item.dataset] ?? item.dataset}`).join(", ")}.`]
        : []),
    ],
    simulated: options.simulated,
    name: options.name ?? "table1-persona-cards",
  };
}
