import { hash } from "node:crypto";
import type Database from "better-sqlite3";
import { decodeDelta, deltaDictionary, encodeDelta, type DeltaDictionary } from "./delta-codec";

/** Distinct segments remembered per process before the memo is cleared (each is also in the file). */
const MEMO_LIMIT = 200_000;

/**
 * The shared parts of the compact format: message segments stored once (`texts`) and the dictionaries
 * that request skeletons and raw bodies are stored as differences from (`dictionaries`, see delta-codec.ts). A dictionary is the first text stored in its family (one family per
 * prompt for request skeletons, one per provider for raw bodies), kept in the file so every row stays
 * decodable whatever the code does later. Writes happen inside the caller's write transaction.
 */
export class CompactStore {
  private readonly segmentIds = new Map<string, number>();
  private readonly segmentTexts = new Map<number, string>();
  private readonly familyDictionaries = new Map<string, { id: number; dictionary: DeltaDictionary }>();
  private readonly dictionaryTexts = new Map<number, string>();
  private readonly insertText: Database.Statement;
  private readonly selectTextId: Database.Statement;
  private readonly selectText: Database.Statement;
  private readonly insertDictionary: Database.Statement;
  private readonly selectDictionaryByFamily: Database.Statement;
  private readonly selectDictionary: Database.Statement;

  constructor(writer: Database.Database | undefined, reader: Database.Database) {
    const db = writer ?? reader;
    this.insertText = db.prepare("INSERT OR IGNORE INTO texts (digest, text) VALUES (?, ?)");
    this.selectTextId = db.prepare("SELECT id FROM texts WHERE digest = ?").pluck();
    this.selectText = reader.prepare("SELECT text FROM texts WHERE id = ?").pluck();
    this.insertDictionary = db.prepare("INSERT OR IGNORE INTO dictionaries (family, bytes) VALUES (?, ?)");
    this.selectDictionaryByFamily = db.prepare("SELECT id, bytes FROM dictionaries WHERE family = ?");
    this.selectDictionary = reader.prepare("SELECT bytes FROM dictionaries WHERE id = ?").pluck();
  }

  /** The id of a segment, storing it if new (call inside a write transaction). */
  segmentId(text: string): number {
    const known = this.segmentIds.get(text);
    if (known !== undefined) return known;
    const digest = hash("sha256", text, "buffer");
    this.insertText.run(digest, text);
    const id = this.selectTextId.get(digest) as number;
    if (this.segmentIds.size >= MEMO_LIMIT) this.segmentIds.clear();
    this.segmentIds.set(text, id);
    return id;
  }

  segmentText(id: number): string {
    const known = this.segmentTexts.get(id);
    if (known !== undefined) return known;
    const text = this.selectText.get(id) as string | undefined;
    if (text === undefined) throw new Error(`segment ${id} is missing from the texts table`);
    if (this.segmentTexts.size >= MEMO_LIMIT) this.segmentTexts.clear();
    this.segmentTexts.set(id, text);
    return text;
  }

  /** `text` as a difference from its family's dictionary, which is made from this text if it is the first. */
  compress(family: string, text: string): { bytes: string; dictionary: number } {
    let entry = this.familyDictionaries.get(family);
    if (!entry) {
      this.insertDictionary.run(family, Buffer.from(text));
      const row = this.selectDictionaryByFamily.get(family) as { id: number; bytes: Buffer };
      const dictionaryText = row.bytes.toString();
      entry = { id: row.id, dictionary: deltaDictionary(dictionaryText) };
      this.familyDictionaries.set(family, entry);
      this.dictionaryTexts.set(entry.id, dictionaryText);
    }
    return { bytes: encodeDelta(entry.dictionary, text), dictionary: entry.id };
  }

  /** The text back from compress()'s output (stored as TEXT; a Buffer if the column was written as a BLOB). */
  decompress(bytes: string | Buffer, dictionary: number | null): string {
    if (dictionary === null) return bytes.toString();
    let known = this.dictionaryTexts.get(dictionary);
    if (known === undefined) {
      const stored = this.selectDictionary.get(dictionary) as Buffer | undefined;
      if (!stored) throw new Error(`dictionary ${dictionary} is missing from the dictionaries table`);
      known = stored.toString();
      this.dictionaryTexts.set(dictionary, known);
    }
    return decodeDelta(known, typeof bytes === "string" ? bytes : bytes.toString());
  }

  /** Forget what a rolled-back transaction may have stored. */
  forget(): void {
    this.segmentIds.clear();
    this.familyDictionaries.clear();
  }
}
