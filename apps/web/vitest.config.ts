import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

import { sourceConditions } from "../../vitest.shared.ts";

export default defineProject({
  ...sourceConditions,
  plugins: [react()],
  test: {
    name: "web",
    // Component tests run in a DOM. The browser tests, which need the built server, are @assay/testing's.
    environment: "happy-dom",
    include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
  },
});
