import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { vendoredFile } from "./shared/paths";

/** Where Debian's python3-sklearn keeps the datasets (present on a developer's machine, not in CI). */
const DEBIAN = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

/** The files and sha256 hashes the data README lists. */
function listedHashes(): Map<string, string> {
  const readme = readFileSync(vendoredFile("README.md"), "utf8");
  const rows = [...readme.matchAll(/^\| `([\w.]+)` +\| \d+ +\| `([0-9a-f]{64})` \|$/gm)];
  return new Map(rows.map(([, file, hash]) => [file as string, hash as string]));
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("the vendored scikit-learn data", () => {
  it("is exactly what the README lists, file for file", () => {
    const listed = listedHashes();
    const files = readdirSync(vendoredFile("sklearn")).filter((file) => file.endsWith(".gz"));
    expect([...listed.keys()].sort()).toEqual(files.sort());
    for (const [file, hash] of listed) expect(sha256(vendoredFile("sklearn", file))).toBe(hash);
  });

  it.skipIf(!existsSync(DEBIAN))("matches Debian's python3-sklearn where it is installed", () => {
    for (const file of listedHashes().keys()) {
      expect(sha256(vendoredFile("sklearn", file))).toBe(sha256(join(DEBIAN, file)));
    }
  });
});
