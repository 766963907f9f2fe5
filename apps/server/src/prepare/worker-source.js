// The worker's entry when the server runs from its TypeScript sources (tests, `pnpm dev`): workers do not inherit
// the main thread's loader, so it registers tsx before loading the TypeScript that does the work. Built, the
// server starts dist/worker.js instead.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
