import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `pnpm dev` proxies the API and the asset proxy to a server on :8080 (`pnpm assay serve`).
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": "http://127.0.0.1:8080",
      // Only the asset proxy (`/assets?locator=…`): `/assets/…` are the app's own built files.
      "^/assets\\?": "http://127.0.0.1:8080",
    },
  },
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 1500 },
});
