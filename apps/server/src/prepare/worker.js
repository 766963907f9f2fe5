// A worker thread's entry: workers do not inherit the main thread's TypeScript loader, so it registers its own
// before loading the TypeScript that does the work.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
