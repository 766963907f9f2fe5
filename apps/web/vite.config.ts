import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// `pnpm dev` proxies the API and the asset proxy to a server on :8080 (`pnpm assay serve`).
export default defineConfig({
  plugins: [react()],
  // The workspace's packages from their sources (see tsconfig.base.json), so the app never bundles a stale dist/.
  resolve: { conditions: ["@assay/source", ...defaultClientConditions] },
  server: {
    proxy: {
      "/trpc": "http://127.0.0.1:8080",
      "/stream": "http://127.0.0.1:8080",
      // Only the asset proxy (`/assets?locator=…`): `/assets/…` are the app's own built files.
      "^/assets\\?": "http://127.0.0.1:8080",
    },
  },
  // Relative asset URLs: the page's <base href> (set by the server) says where they are, under any --base-path.
  base: "./",
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 1500 },
});
