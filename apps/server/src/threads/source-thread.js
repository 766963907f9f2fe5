// A worker thread's entry when the server runs from its TypeScript sources (tests, `pnpm dev`): threads do not
// inherit the main thread's loader, so it registers tsx and then loads the thread's TypeScript module (named in
// workerData by pool.ts). Built, each thread runs its own dist/<name>-thread.js instead.
import { URL } from "node:url";

import { workerData } from "piscina";
import { register } from "tsx/esm/api";

register();
const thread = await import(new URL(workerData.sourceModule, import.meta.url).href);

export default thread.default;
/** See pool.ts `threadLoaded`. */
export const loaded = thread.loaded;
