import { defineConfig } from "tsdown";

import { packageBuild } from "../../tsdown.shared.ts";

export default defineConfig(
  packageBuild({
    index: "src/index.ts",
    schema: "src/schema/index.ts",
    // Started by the checkpointer as `./checkpoint-worker.js` beside it, in src/ and in dist/ alike.
    "checkpoint-worker": "src/checkpoint-worker.js",
  }),
);
