/** `@assay/server`: the Assay registry as one Node process, and the `serve` / `token` commands of the CLI. */
export { runServerCli, USAGE } from "./cli";
export { createAssayServer, DEFAULT_MAX_BODY_BYTES, DEFAULT_WEB_ROOT, startServer } from "./server";
export type { RunningServer, ServerOptions } from "./server";
export { localPath } from "./routes/assets";
export { spawnServer } from "./spawn";
export type { ServerProcess } from "./spawn";
