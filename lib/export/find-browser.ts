import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Environment variable naming the Chromium (or Chrome) executable to use for PNG/SVG/PDF export. */
export const CHROMIUM_ENV = "PERSONA_TALKS_CHROMIUM";

/** Executable names looked up on the PATH, in this order. */
export const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

export interface BrowserLookup {
  /** The executable to launch, when one was found. */
  executablePath?: string;
  /** Why none was found (or which source was used), for messages. */
  reason: string;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a Chromium for headless export: PERSONA_TALKS_CHROMIUM if set (and only that: a wrong value is
 * reported, not silently replaced), else the first of CHROMIUM_NAMES on the PATH. Never downloads anything.
 */
export function findChromium(environment: NodeJS.ProcessEnv = process.env): BrowserLookup {
  const configured = environment[CHROMIUM_ENV];
  if (configured) {
    return isExecutableFile(configured)
      ? { executablePath: configured, reason: `${CHROMIUM_ENV}=${configured}` }
      : { reason: `${CHROMIUM_ENV} is set to "${configured}", which is not an executable file` };
  }
  const directories = (environment.PATH ?? "").split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const directory of directories) {
      const candidate = join(directory, name);
      if (isExecutableFile(candidate)) return { executablePath: candidate, reason: `found ${candidate} on the PATH` };
    }
  }
  return { reason: `none of ${CHROMIUM_NAMES.join(", ")} is on the PATH and ${CHROMIUM_ENV} is not set` };
}

/** What to tell a user who has no browser: how to get PNG, SVG and PDF. */
export function noBrowserMessage(reason: string): string {
  return (
    `PNG/SVG/PDF export needs a headless Chromium, and none is usable (${reason}). ` +
    `The figures were written as standalone HTML only. To get PNG/SVG/PDF, install one ` +
    `(Debian/Ubuntu: \`sudo apt-get install chromium\`) or set ${CHROMIUM_ENV}=/path/to/chromium, then export again.`
  );
}
