import { defineProject } from "vitest/config";

import { sourceConditions } from "../../vitest.shared.ts";

export default defineProject({
  ...sourceConditions,
  test: {
    name: "sdk",
    environment: "node",
    // SDK tests talk to a real server process; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
