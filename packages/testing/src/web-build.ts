import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { build } from "vite";

let built: Promise<string> | undefined;

/**
 * Builds the web app from its current sources into a temporary folder (once per test process), so browser tests
 * and benchmarks never run against a stale `dist/`.
 */
export function buildWeb(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), "assay-web-"));
    await build({
      root: dirname(createRequire(import.meta.url).resolve("@assay/web/package.json")),
      logLevel: "warn",
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
    return outDir;
  })();
  return built;
}
