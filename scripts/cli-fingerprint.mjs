// What the built CLI was made from: every .ts and .json file under lib/ by path, size and modification time.
// Plain JavaScript (no tsx) because bin/persona-talks.js checks it at every start, before choosing how to run.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function libFingerprint(root) {
  const lines = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name)) {
        const stat = statSync(path);
        lines.push(`${relative(root, path)}:${stat.size}:${Math.trunc(stat.mtimeMs)}`);
      }
    }
  };
  walk(join(root, "lib"));
  return createHash("sha256").update(lines.sort().join("\n")).digest("hex");
}
