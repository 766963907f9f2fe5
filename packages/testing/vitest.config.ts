import { defineProject } from "vitest/config";

import { sourceConditions } from "../../vitest.shared.ts";

export default defineProject({
  ...sourceConditions,
  test: {
    name: "testing",
    environment: "node",
    // These tests run the built server (and Chromium) in their own processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
