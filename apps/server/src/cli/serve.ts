import { parseArgs } from "node:util";

import { ensureBootstrapToken } from "@assay/api";
import { closeDatabase, openDatabase, startCheckpointer } from "@assay/db";

import { JobRunner } from "../jobs/runner";
import { startPreparingThread, startWritingThread } from "../threads/threads";
import { DEFAULT_MAX_BODY_BYTES, normalizeBasePath, startServer } from "../server";
import type { Command } from "./io";
import { UsageError } from "./io";

export const serveCommand: Command = {
  help: `Usage:
  assay-server serve [--host 127.0.0.1] [--port 8080] [--db ./assay.db] [--data-root DIR]...
                     [--base-path /PREFIX] [--trust-proxy] [--web-root DIR] [--max-body-mb 64]
                     [--job-lease-seconds 30]

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

SIGINT or SIGTERM stops it after the requests in flight.
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
    // The server's thread mostly reads now: the writing thread, which stores samples, has the large page cache.
    const db = openDatabase(values.db, { cacheMb: 8 });
    const checkpointer = await startCheckpointer(db);
    const preparer = startPreparingThread();
    const writer = startWritingThread(values.db);
    const jobs = new JobRunner({ db, writer, file: values.db, leaseMs: leaseSeconds * 1000 });
    const bootstrap = ensureBootstrapToken(db);
    const running = await startServer({
      db,
      preparer,
      writer,
      jobs,
      host: values.host,
      port,
      dataRoots: values["data-root"],
      basePath,
      trustProxy: values["trust-proxy"],
      ...(values["web-root"] ? { webRoot: values["web-root"] } : {}),
      maxBodyBytes: maxBodyMb * 1024 * 1024,
    });
    io.out(`Assay is listening on ${running.url} (store: ${values.db})\n`);
    if (bootstrap) {
      io.out(
        `\nThis store had no tokens, so an admin token was made. It is shown only now:\n\n  ${bootstrap}\n\n`,
      );
      io.out(`Sign in at ${running.url} with it, or export ASSAY_TOKEN=${bootstrap}\n`);
    }
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        io.err(`${signal}: finishing requests in flight, then stopping\n`);
        void running.close().then(async () => {
          await jobs.stop();
          await writer.close();
          await preparer.close();
          await checkpointer.stop();
          closeDatabase(db);
          resolve();
        });
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
    return 0;
  },
};
