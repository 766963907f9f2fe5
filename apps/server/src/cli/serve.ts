import { parseArgs } from "node:util";

import { abortOpenEdits, ensureBootstrapToken } from "@assay/api";
import { closeDatabase, openDatabase, startCheckpointer } from "@assay/db";

import { JobRunner } from "../jobs/runner";
import type { Logger } from "../observability/logger";
import { createLogger, LOG_LEVELS } from "../observability/logger";
import { startPreparingThread, startReadingThread, startWritingThread } from "../threads/threads";
import { DEFAULT_MAX_BODY_BYTES, normalizeBasePath, startServer } from "../server";
import type { Command } from "./io";
import { UsageError } from "./io";

export const serveCommand: Command = {
  help: `Usage:
  assay-server serve [--host 127.0.0.1] [--port 8080] [--db ./assay.db] [--data-root DIR]...
                     [--base-path /PREFIX] [--trust-proxy] [--web-root DIR] [--max-body-mb 64]
                     [--job-lease-seconds 30] [--shutdown-seconds 10] [--log-level info]

Starts the registry: the API at /trpc and /stream, the web UI at /, /healthz and the asset proxy, which
serves local files only from the --data-root folders. An empty store gets an admin token, printed once.

  --base-path    serve everything under a path prefix (/assay/trpc, /assay/assets, …), for a reverse
                 proxy that forwards https://example.com/assay/ as is.
  --trust-proxy  the server is reached through one reverse proxy: the client's address is the last one
                 that proxy added to X-Forwarded-For (failed sign-ins are counted per client address).
                 Do not set it when clients can reach the server directly.
  --web-root     another build of the web UI than the one inside this package.
  --job-lease-seconds
                 how long a background job (an evaluation) stays this server's without word from it: a
                 server that stops has its job taken up again (by another server, or by itself restarted)
                 this long after.
  --shutdown-seconds
                 on SIGTERM or SIGINT, how long requests and a job in flight get to finish before they
                 are cut (a cut job is queued again); the store is then checkpointed and the server exits 0.
  --log-level    fatal, error, warn, info (a line per request), debug, trace or silent.

Standard output says where it listens (and prints a new store's admin token once); standard error is
the log, one JSON object per line. GET /metrics gives Prometheus metrics to any valid token.
`,
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        host: { type: "string", default: "127.0.0.1" },
        port: { type: "string", default: "8080" },
        db: { type: "string", default: "./assay.db" },
        "data-root": { type: "string", multiple: true, default: [] },
        "base-path": { type: "string", default: "" },
        "trust-proxy": { type: "boolean", default: false },
        "web-root": { type: "string" },
        "max-body-mb": { type: "string", default: String(DEFAULT_MAX_BODY_BYTES / 1024 / 1024) },
        "job-lease-seconds": { type: "string", default: "30" },
        "shutdown-seconds": { type: "string", default: "10" },
        "log-level": { type: "string", default: "info" },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0–65535, not ${values.port}`);
    const maxBodyMb = Number(values["max-body-mb"]);
    if (!(maxBodyMb > 0)) throw new UsageError(`--max-body-mb must be a positive number`);
    const basePath = normalizeBasePath(values["base-path"]);
    const leaseSeconds = Number(values["job-lease-seconds"]);
    if (!(leaseSeconds >= 1)) throw new UsageError(`--job-lease-seconds must be at least 1`);
    const shutdownMs = Number(values["shutdown-seconds"]) * 1000;
    if (!(shutdownMs >= 0)) throw new UsageError(`--shutdown-seconds must be a number of seconds`);
    const level = values["log-level"] as (typeof LOG_LEVELS)[number];
    if (!LOG_LEVELS.includes(level))
      throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
    const logger = createLogger({ level });
    // The server's thread mostly reads now: the writing thread, which stores samples, has the large page cache.
    const db = openDatabase(values.db, { cacheMb: 8 });
    // Edits open in the store were left by a server that stopped before their clients committed them.
    const aborted = abortOpenEdits(db);
    if (aborted > 0) logger.warn({ edits: aborted }, "aborted edits left open by the last run");
    const checkpointer = await startCheckpointer(db);
    const preparer = startPreparingThread();
    const writer = startWritingThread(values.db);
    // Started by the first comparison (see startReadingThread).
    const reader = startReadingThread(values.db);
    await Promise.all([preparer.loaded(), writer.loaded()]);
    const jobs = new JobRunner({
      db,
      writer,
      file: values.db,
      leaseMs: leaseSeconds * 1000,
      logger,
    });
    const bootstrap = ensureBootstrapToken(db);
    const running = await startServer({
      db,
      preparer,
      writer,
      reader,
      jobs,
      logger,
      host: values.host,
      port,
      dataRoots: values["data-root"],
      basePath,
      trustProxy: values["trust-proxy"],
      ...(values["web-root"] ? { webRoot: values["web-root"] } : {}),
      maxBodyBytes: maxBodyMb * 1024 * 1024,
    });
    io.out(`Assay is listening on ${running.url} (store: ${values.db})\n`);
    logger.info({ url: running.url, store: values.db }, "listening");
    if (bootstrap) {
      io.out(
        `\nThis store had no tokens, so an admin token was made. It is shown only now:\n\n  ${bootstrap}\n\n`,
      );
      io.out(`Sign in at ${running.url} with it, or export ASSAY_TOKEN=${bootstrap}\n`);
    }
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    io.err(
      `${signal}: finishing requests in flight (up to ${shutdownMs / 1000} s), then stopping\n`,
    );
    logger.info({ signal, graceMs: shutdownMs }, "stopping");
    // A second signal does not wait.
    const hurry = () => running.server.closeAllConnections();
    process.once("SIGINT", hurry).once("SIGTERM", hurry);
    // Requests and the job in flight finish (or are cut) together, while the writing thread still serves both.
    await Promise.all([running.close(shutdownMs), jobs.stop(shutdownMs)]);
    await writer.close();
    await reader.close();
    await preparer.close();
    await checkpointer.stop();
    finalCheckpoint(db, logger);
    closeDatabase(db);
    logger.info("stopped");
    logger.flush();
    return 0;
  },
};

/** Moves everything in the write-ahead log into the database, so the stopped store is one whole file. */
function finalCheckpoint(db: ReturnType<typeof openDatabase>, logger: Logger): void {
  try {
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    // The store is whole either way: the next start replays the log.
    logger.warn({ err: error }, "the final checkpoint did not complete");
  }
}
