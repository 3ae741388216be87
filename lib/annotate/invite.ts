import { resolve } from "node:path";
import { UsageError } from "../errors";
import { normalizeAnnotatorName } from "./annotator-name";
import { loadStudy } from "./study-file";
import { openStudyStore } from "./study-store";

/** The port `serve` uses by default, so links made without --public-url open it. */
export const DEFAULT_SERVE_PORT = 8377;

export interface InviteOptions {
  /** Names given by the researcher (normalized: NFKC, case-folded, invisible characters removed). */
  names?: readonly string[];
  /** Or this many annotators named annotator-1, annotator-2, ... (numbers already in use are skipped). */
  count?: number;
  /** The address annotators open (tunnel or proxy); default http://127.0.0.1:PORT/. */
  publicUrl?: string;
  port?: number;
}

export interface Invitation {
  annotator: string;
  /** BASE#TOKEN: the token is in the fragment, which browsers never send to a server or in a Referer. */
  link: string;
}

/** The base URL of links: the public URL, else the loopback address of `serve --port`. */
export function linkBase(options: Pick<InviteOptions, "publicUrl" | "port">): string {
  if (options.publicUrl === undefined) return `http://127.0.0.1:${options.port ?? DEFAULT_SERVE_PORT}/`;
  let url: URL;
  try {
    url = new URL(options.publicUrl);
  } catch {
    throw new UsageError(`--public-url must be a full URL such as https://annotate.example.org/, got ${JSON.stringify(options.publicUrl)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--public-url must start with http:// or https://, got ${options.publicUrl}`);
  return `${url.origin}/`;
}

/**
 * One private link per annotator: a random token (only its hash is stored), the annotator's plan recorded at
 * once. A name that already has an active link is refused (revoke it first to issue a new one).
 */
export function inviteAnnotators(directory: string, options: InviteOptions): Invitation[] {
  const folder = resolve(directory);
  const study = loadStudy(folder);
  const base = linkBase(options);
  if ((options.names === undefined) === (options.count === undefined)) throw new UsageError("give either --annotators N or --names a,b,c");
  const store = openStudyStore(folder, study);
  try {
    let names = options.names?.map(normalizeAnnotatorName);
    if (names) {
      const seen = new Set<string>();
      for (const name of names) {
        if (seen.has(name)) throw new UsageError(`--names lists ${JSON.stringify(name)} twice (names are compared case-folded, without invisible characters)`);
        seen.add(name);
      }
      const active = new Set(store.annotators().filter((entry) => entry.linkRevoked === false).map((entry) => entry.annotator));
      const clash = names.find((name) => active.has(name));
      if (clash) throw new UsageError(`${JSON.stringify(clash)} already has a link; revoke it first (annotate revoke --annotator ${JSON.stringify(clash)}) to give them a new one`);
    } else {
      const count = options.count!;
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError(`--annotators must be a whole number from 1 to 1000, got ${count}`);
      const taken = new Set(store.annotators().map((entry) => entry.annotator));
      names = [];
      for (let number = 1; names.length < count; number++) if (!taken.has(`annotator-${number}`)) names.push(`annotator-${number}`);
    }
    return names.map((name) => {
      const { annotator, token } = store.invite(name);
      return { annotator, link: `${base}#${token}` };
    });
  } finally {
    store.close();
  }
}

/** Ends an annotator's link at once (their answers stay and count unless excluded). */
export function revokeAnnotator(directory: string, annotator: string): string {
  const folder = resolve(directory);
  const store = openStudyStore(folder, loadStudy(folder));
  try {
    store.revoke(annotator);
    return normalizeAnnotatorName(annotator);
  } finally {
    store.close();
  }
}
