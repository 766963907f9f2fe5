import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { ExampleOptions, ExampleReport } from "./example";
import { defaultDataRoot } from "./paths";

/**
 * Runs an example when its module is the script Node was started with (`tsx src/digits/index.ts`), against the
 * server at `ASSAY_URL` with `ASSAY_TOKEN`, writing files under `ASSAY_DATA_ROOT` (or `.assay/data`).
 */
export async function runAsScript(
  moduleUrl: string,
  run: (options: ExampleOptions) => Promise<ExampleReport>,
): Promise<void> {
  const script = process.argv[1];
  if (!script || realpathSync(script) !== fileURLToPath(moduleUrl)) return;
  try {
    await run({ dataRoot: defaultDataRoot() });
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
