import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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
      root: fileURLToPath(new URL("..", import.meta.url)),
      logLevel: "warn",
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
    return outDir;
  })();
  return built;
}
