import { defineConfig } from "tsdown";

import { packageBuild } from "../../tsdown.shared.ts";

export default defineConfig(
  packageBuild({ index: "src/index.ts", prepare: "src/services/edit-prepare.ts" }),
);
