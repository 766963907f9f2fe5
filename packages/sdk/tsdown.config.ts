import { defineConfig } from "tsdown";

import { packageBuild } from "../../tsdown.shared.ts";

export default defineConfig(
  packageBuild(
    { index: "src/index.ts", cli: "src/cli/main.ts" },
    // The client's API plumbing is marked @internal: users' types never reach tRPC's client or our router.
    { dts: { compilerOptions: { stripInternal: true } } },
  ),
);
