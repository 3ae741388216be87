/**
 * Which cache keys were answered from a cache while recording: `persona-talks bundle create` re-runs an analysis
 * with recording on, so the bundle holds exactly the answers the analysis used. Off (undefined) otherwise.
 */
let recording: Set<string> | undefined;

export function startRecordingReads(): Set<string> {
  recording = new Set();
  return recording;
}

export function stopRecordingReads(): void {
  recording = undefined;
}

export function recordRead(key: string): void {
  recording?.add(key);
}
