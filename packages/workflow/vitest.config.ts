import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "workflow",
    environment: "node",
    // `*.test-d.ts` files hold type-level assertions; vitest runs them through tsc and counts them.
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
