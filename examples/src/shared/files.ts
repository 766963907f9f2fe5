import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes a file unless it already holds exactly these bytes, so a second run of an example leaves the data root
 * alone. The write goes through a temporary file: a run stopped halfway never leaves a truncated image behind.
 */
export function writeIfChanged(path: string, bytes: Uint8Array | string): boolean {
  const data = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  if (existsSync(path) && Buffer.compare(readFileSync(path), data) === 0) return false;
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, path);
  return true;
}
