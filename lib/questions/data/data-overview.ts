import type { PersonaCardStatistics } from "../../analysis/persona-card-statistics";
import { dataStats, type DataStats } from "../../data/data-stats";
import { selectPersonas } from "../../pipeline/select-personas";
import { EXTRACT_DATASETS, loadPersonaSources, type PersonaRow } from "../../pipeline/stages/extract-personas";
import type { FilteredPersonaRow } from "../../pipeline/stages/filter-personas";
import { personaCardTable } from "../../tables/persona-tables";
import type { Table } from "../../tables/table";
import { compareTable1 } from "../shared/paper-comparison";
import { datasetLabel, pipelineOptions, type AnalysisRunOptions, checkRunOptions } from "../../reports/run-options";

export interface DataOverview {
  simulated: boolean;
  stats: DataStats;
  cards: PersonaRow[];
  verdicts: FilteredPersonaRow[];
  statistics: PersonaCardStatistics[];
  tables: Table[];
}

/** The datasets' own counts as a table (ESConv dialogues and strategy labels, CAMS rows, Dreaddit posts, PersonaHub). */
export function dataStatsTable(stats: DataStats): Table {
  const rows: { item: string; count: number }[] = [
    { item: "ESConv dialogues", count: stats.esconv.dialogues },
    { item: "ESConv supporter turns", count: stats.esconv.supporterTurns },
    ...Object.entries(stats.esconv.strategies).map(([label, count]) => ({ item: `ESConv strategy: ${label}`, count })),
    ...Object.entries(stats.cams).map(([file, count]) => ({ item: `CAMS ${file} rows`, count })),
    { item: "Dreaddit segments", count: stats.dreaddit.segments },
    { item: "Dreaddit posts", count: stats.dreaddit.posts },
    { item: "PersonaHub personas", count: stats.personahub.personas },
  ];
  return { name: "data-statistics", title: "The datasets in the data folder", columns: [{ key: "item", label: "", align: "left" }, { key: "count", label: "count", align: "right" }], rows, notes: [] };
}

/**
 * Section 3: per dataset, persona cards extracted (Figure 11) and filtered (Figure 14) until n are kept, exactly as
 * RQ1 chooses the personas it measures (selectPersonas), so Table 1 here equals `analyze rq1`'s at the same n and
 * seed; with Table 1 beside the paper's.
 */
export async function dataOverview(options: AnalysisRunOptions & { datasets?: readonly string[] }): Promise<DataOverview> {
  checkRunOptions(options, "dataOverview", ["datasets"]);
  const stats = dataStats();
  const cards: PersonaRow[] = [];
  const verdicts: FilteredPersonaRow[] = [];
  const statistics: PersonaCardStatistics[] = [];
  for (const dataset of options.datasets ?? EXTRACT_DATASETS) {
    options.onStep?.(`${datasetLabel(dataset)}: extract and filter persona cards until ${options.n} are kept`);
    const selection = await selectPersonas(loadPersonaSources(dataset), { ...pipelineOptions(options), n: options.n });
    cards.push(...selection.cards);
    verdicts.push(...selection.verdicts);
    statistics.push(...selection.statistics);
  }
  const simulated = options.context.simulated;
  return {
    simulated,
    stats,
    cards,
    verdicts,
    statistics,
    tables: [
      dataStatsTable(stats),
      personaCardTable(statistics, { title: "Statistics of the extracted persona cards (Table 1)", simulated, name: "table1-persona-cards" }),
      compareTable1(statistics, simulated),
    ],
  };
}
