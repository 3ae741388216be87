import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DataError } from "../errors";
import { decodeMixedUtf8 } from "./decode-mixed-utf8";
import { parseCsvTable } from "./read-csv";
import { requireDataFile } from "./require-data";
import type { Post } from "./types";

/** Dreaddit (Turcan & McKeown, 2019) files, as in the data folder. */
export const DREADDIT_FILES = { train: "dreaddit-train.csv", test: "dreaddit-test.csv" } as const;
export type DreadditSplit = keyof typeof DREADDIT_FILES;

/** One labelled row: a sentence-range segment of a Reddit post. */
export interface DreadditSegment {
  file: string;
  /** 1-based data row (header excluded). */
  row: number;
  split?: DreadditSplit;
  /** The dataset's own row id (`id` column). */
  id: string;
  postId: string;
  subreddit: string;
  /** Sentence range [start, end) within the post, from "(0, 5)" or "[0, 5]". */
  sentenceRange: [number, number];
  text: string;
  /** 1 = stressful, 0 = not. */
  label: 0 | 1;
  confidence: number;
}

const COLUMNS = ["id", "subreddit", "post_id", "sentence_range", "text", "label", "confidence"] as const;

function parseRange(value: string, file: string, record: number): [number, number] {
  const match = /^\s*[\[(]\s*(\d+)\s*,\s*(\d+)\s*[\])]\s*$/.exec(value);
  if (!match) throw new DataError(`expected a range like "(0, 5)", got ${JSON.stringify(value)}`, { file, record, field: "sentence_range" });
  return [Number(match[1]), Number(match[2])];
}

/** One Dreaddit CSV; columns are read by header name because their order differs between the files. */
export function parseDreaddit(input: Uint8Array | string, file: string, split?: DreadditSplit): DreadditSegment[] {
  const { text } = decodeMixedUtf8(input);
  const table = parseCsvTable(text, file, COLUMNS);
  const name = basename(file);
  return table.rows.map((row, index) => {
    const record = index + 1;
    const label = row.label.trim();
    if (label !== "0" && label !== "1") {
      throw new DataError(`expected 0 or 1, got ${JSON.stringify(row.label)}`, { file, record, field: "label" });
    }
    const confidence = Number(row.confidence);
    if (row.confidence.trim() === "" || !Number.isFinite(confidence)) {
      throw new DataError(`expected a number, got ${JSON.stringify(row.confidence)}`, { file, record, field: "confidence" });
    }
    if (!row.post_id.trim()) throw new DataError("empty post id", { file, record, field: "post_id" });
    const segment: DreadditSegment = {
      file: name,
      row: record,
      id: row.id.trim(),
      postId: row.post_id.trim(),
      subreddit: row.subreddit.trim(),
      sentenceRange: parseRange(row.sentence_range, file, record),
      text: row.text.trim(),
      label: label === "1" ? 1 : 0,
      confidence,
    };
    if (split) segment.split = split;
    return segment;
  });
}

export interface LoadDreadditOptions {
  directory?: string;
  /** Default both, train first. */
  splits?: readonly DreadditSplit[];
}

/** All Dreaddit segments of the data folder (train, then test). */
export function loadDreaddit(options: LoadDreadditOptions = {}): DreadditSegment[] {
  return (options.splits ?? (["train", "test"] as const)).flatMap((split) => {
    const path = requireDataFile(`dreaddit/${DREADDIT_FILES[split]}`, options.directory);
    return parseDreaddit(readFileSync(path), path, split);
  });
}

/** A whole post rebuilt from its segments. */
export interface DreadditPost extends Post {
  segments: DreadditSegment[];
}

/**
 * Groups segments into posts by post_id, segments in sentence-range order. Adjacent ranges are joined with a
 * space; where sentences between two labelled ranges are absent from the dataset, " [...] " marks the gap.
 * Labels: subreddit, split, `label` ("1" stressful, "0" not, "mixed" when the segments disagree, as 179 real
 * posts do), `segmentLabels` and `sentenceRanges` in order. Posts come in order of first appearance.
 */
export function groupDreadditPosts(segments: DreadditSegment[]): DreadditPost[] {
  const groups = new Map<string, DreadditSegment[]>();
  for (const segment of segments) {
    const group = groups.get(segment.postId);
    if (group) group.push(segment);
    else groups.set(segment.postId, [segment]);
  }
  return [...groups.entries()].map(([postId, group]) => {
    const ordered = [...group].sort((a, b) => a.sentenceRange[0] - b.sentenceRange[0] || a.sentenceRange[1] - b.sentenceRange[1]);
    let text = "";
    ordered.forEach((segment, index) => {
      if (index === 0) text = segment.text;
      else text += (ordered[index - 1].sentenceRange[1] >= segment.sentenceRange[0] ? " " : " [...] ") + segment.text;
    });
    const segmentLabels = ordered.map((segment) => String(segment.label));
    const distinct = new Set(segmentLabels);
    const splits = [...new Set(ordered.map((segment) => segment.split).filter((split) => split !== undefined))];
    const subreddits = [...new Set(ordered.map((segment) => segment.subreddit))];
    const labels: Record<string, string> = {
      subreddit: subreddits.join(","),
      label: distinct.size === 1 ? segmentLabels[0] : "mixed",
      segmentLabels: segmentLabels.join(","),
      sentenceRanges: ordered.map((segment) => `${segment.sentenceRange[0]}-${segment.sentenceRange[1]}`).join(","),
    };
    if (splits.length) labels.split = splits.join(",");
    return { id: `dreaddit:${postId}`, dataset: "dreaddit" as const, text, labels, segments: ordered };
  });
}

/** Dreaddit posts of the data folder (2,929 from 3,553 segments in the published files). */
export function dreadditPosts(options: LoadDreadditOptions = {}): DreadditPost[] {
  return groupDreadditPosts(loadDreaddit(options));
}
