import { defineProject } from "vitest/config";

import { sourceConditions } from "../../vitest.shared.ts";

export default defineProject({
  ...sourceConditions,
  test: {
    name: "workflow",
    environment: "node",
    // `*.test-d.ts` files hold type-level assertions; vitest runs them through tsc and counts them.
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
