import { defineProject } from "vitest/config";

import { sourceConditions } from "../vitest.shared.ts";

export default defineProject({
  ...sourceConditions,
  test: {
    name: "examples",
    environment: "node",
    // Each test file runs a whole example against its own server process, twice; face-api's SSD detector alone
    // needs about a minute and a half of CPU on a 2-core machine.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
