import { CAMS_FILES, loadCams } from "./cams";
import { groupDreadditPosts, loadDreaddit } from "./dreaddit";
import { emptyEsconvReport, loadEsconv } from "./esconv";
import { countUnknownStrategies } from "./normalize-strategy";
import { loadPersonaHub } from "./personahub";
import { STRATEGY_LABELS } from "./types";

export interface DataStats {
  esconv: {
    dialogues: number;
    supporterTurns: number;
    /** Count per paper label, most frequent first. */
    strategies: Record<string, number>;
    /** Source labels outside the 8, by raw text; present only when there are any. */
    unknownStrategies?: Record<string, number>;
  };
  /** Rows per CAMS file. */
  cams: Record<string, number>;
  dreaddit: { segments: number; posts: number };
  personahub: { personas: number };
}

/** Counts over the data folder (every dataset must be present; a missing one throws MissingDataError). */
export function dataStats(options: { directory?: string } = {}): DataStats {
  const { directory } = options;
  const report = emptyEsconvReport();
  const dialogues = loadEsconv({ directory, report });
  const counts = new Map<string, number>(STRATEGY_LABELS.map((label) => [label, 0]));
  let supporterTurns = 0;
  for (const dialogue of dialogues) {
    for (const turn of dialogue.turns) {
      if (turn.speaker !== "supporter") continue;
      supporterTurns += 1;
      if (turn.strategy) counts.set(turn.strategy, (counts.get(turn.strategy) ?? 0) + 1);
    }
  }
  const strategies = Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]));
  const esconv: DataStats["esconv"] = { dialogues: dialogues.length, supporterTurns, strategies };
  if (report.unknownStrategies.length) esconv.unknownStrategies = countUnknownStrategies(report.unknownStrategies);

  const camsRecords = loadCams({ directory });
  const cams = Object.fromEntries(CAMS_FILES.map((file) => [file, camsRecords[file].length]));
  const segments = loadDreaddit({ directory });
  return {
    esconv,
    cams,
    dreaddit: { segments: segments.length, posts: groupDreadditPosts(segments).length },
    personahub: { personas: loadPersonaHub({ directory }).length },
  };
}

/** The stats as an aligned plain-text table for people. */
export function formatDataStats(stats: DataStats): string {
  const rows: Array<[string, string]> = [
    ["ESConv dialogues", String(stats.esconv.dialogues)],
    ["ESConv supporter turns", String(stats.esconv.supporterTurns)],
    ...Object.entries(stats.esconv.strategies).map(([label, count]): [string, string] => [`  ${label}`, String(count)]),
    ...Object.entries(stats.esconv.unknownStrategies ?? {}).map(([label, count]): [string, string] => [
      `  unknown label ${JSON.stringify(label)}`,
      String(count),
    ]),
    ...Object.entries(stats.cams).map(([file, rows]): [string, string] => [`CAMS ${file} rows`, String(rows)]),
    ["Dreaddit segments", String(stats.dreaddit.segments)],
    ["Dreaddit posts", String(stats.dreaddit.posts)],
    ["PersonaHub personas", String(stats.personahub.personas)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value.padStart(valueWidth)}`).join("\n");
}
