/**
 * `@assay/server`: the Assay registry as one Node process (`createAssayServer`, `startServer`), and the
 * `assay-server` command line (`runServerCli`: serve, token, backup, restore, export, import).
 */
export { runServerCli, USAGE, VERSION } from "./cli";
export {
  createAssayServer,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_WEB_ROOT,
  normalizeBasePath,
  startServer,
} from "./server";
export type { RunningServer, ServerOptions } from "./server";
