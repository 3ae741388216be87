import { readFileSync, statSync } from "node:fs";
import { DataError, MissingDataError } from "../errors";

/** Bytes looked at to tell text from binary content. */
const SNIFF_BYTES = 8192;

/** True when the bytes are not text: a NUL byte, or not UTF-8 (a few bad sequences are allowed in long text). */
export function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return true;
  const text = head.toString("utf8");
  let replaced = 0;
  for (const character of text) if (character === "\uFFFD") replaced += 1;
  return replaced > Math.max(2, text.length / 100);
}

/**
 * Reads an input file named by the user (a flag's value) as UTF-8 text. Every way it can fail is one typed error
 * naming the file, so every command reports it with the same exit code (4, data): missing (MissingDataError),
 * a folder, unreadable, or binary ("not a text file", without quoting its bytes). `what` names the file's role
 * ("cards file", "answers file"...).
 */
export function readTextFile(path: string, what: string): string {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new DataError(`${what} is a folder, not a file`, { file: path });
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new MissingDataError(path, `${what} not found; check the path`);
    throw new DataError(`cannot read the ${what} (${code ?? (error as Error).message})`, { file: path });
  }
  if (looksBinary(bytes)) throw new DataError(`not a text file (${bytes.length} bytes of binary content); the ${what} must be UTF-8 text`, { file: path });
  return bytes.toString("utf8");
}
