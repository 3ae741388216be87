import type { ModelRequest } from "../types";

/**
 * Message text is stored in segments, each distinct segment once (table `texts`), and a request refers
 * to its segments by id. A segment ends after a newline or after ": ", which is where templates put their
 * variables: the answer-statement prompt of persona P and item I splits into the template's fixed text,
 * P's description and I's statement, each shared with every other request that contains it, so the
 * 156 answers of a persona store its description once. Joining the segments gives back the exact text.
 */
export function splitSegments(text: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    let end = -1;
    if (code === 10) end = index + 1;
    else if (code === 58 && text.charCodeAt(index + 1) === 32) end = index + 2;
    if (end > 0) {
      segments.push(text.slice(start, end));
      start = end;
      index = end - 1;
    }
  }
  if (start < text.length || segments.length === 0) segments.push(text.slice(start));
  return segments;
}

/** The request as JSON with each message's content replaced by its segment ids (an array marks it). */
export function requestSkeleton(request: ModelRequest, segmentIds: (text: string) => number[]): string {
  return JSON.stringify({ ...request, messages: request.messages.map((message) => ({ ...message, content: segmentIds(message.content) })) });
}

/** The exact request back from its skeleton and the segment texts. */
export function requestFromSkeleton(skeleton: string, segmentText: (id: number) => string): ModelRequest {
  const parsed = JSON.parse(skeleton) as ModelRequest & { messages: Array<{ content: unknown }> };
  for (const message of parsed.messages) {
    if (Array.isArray(message.content)) message.content = (message.content as number[]).map(segmentText).join("");
  }
  return parsed as ModelRequest;
}
