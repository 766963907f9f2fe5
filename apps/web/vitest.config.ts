import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [react()],
  test: {
    name: "web",
    // Component tests run in a DOM; end-to-end tests (e2e/) drive a real Chromium from Node.
    environment: "happy-dom",
    include: ["src/**/*.test.tsx", "src/**/*.test.ts", "e2e/**/*.test.ts"],
  },
});
