import { parseArgs } from "node:util";

import type { TokenInfo } from "@assay/api";
import { createToken, ensureBootstrapToken, listTokens, revokeToken } from "@assay/api";
import { closeDatabase, openDatabase, startCheckpointer } from "@assay/db";
import { TokenScope } from "@assay/workflow";

import { startWorkerPreparer } from "./prepare/worker-preparer";
import { DEFAULT_MAX_BODY_BYTES, startServer } from "./server";

export const USAGE = `Usage:
  assay serve [--host 127.0.0.1] [--port 8080] [--db ./assay.db] [--data-root DIR]... [--web-root DIR]
              [--max-body-mb 64]
      Starts the registry: the API at /trpc, the web UI at /, /healthz and the asset proxy, which serves
      local files only from the --data-root folders. An empty store gets an admin token, printed once.

  assay token create --name NAME --scope read|write|admin [--db ./assay.db]
      Makes a token and prints only the token. Works on the database file, server running or not.
  assay token list [--db ./assay.db] [--json]
  assay token revoke --name NAME [--db ./assay.db]
`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Runs `assay serve` and `assay token …`; returns the exit code, or never returns while serving. */
export async function runServerCli(argv: string[], io: Io): Promise<number> {
  const [command, sub] = argv;
  try {
    if (command === "serve") return await serve(argv.slice(1), io);
    if (command === "token" && sub) return token(sub, argv.slice(2), io);
    io.err(USAGE);
    return command === "--help" || command === "help" ? 0 : 2;
  } catch (error) {
    io.err(`assay: ${(error as Error).message}\n`);
    return 1;
  }
}

async function serve(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "8080" },
      db: { type: "string", default: "./assay.db" },
      "data-root": { type: "string", multiple: true, default: [] },
      "web-root": { type: "string" },
      "max-body-mb": { type: "string", default: String(DEFAULT_MAX_BODY_BYTES / 1024 / 1024) },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, not ${values.port}`);
  const db = openDatabase(values.db);
  const checkpointer = await startCheckpointer(db);
  const preparer = await startWorkerPreparer();
  const bootstrap = ensureBootstrapToken(db);
  const running = await startServer({
    db,
    preparer,
    host: values.host,
    port,
    dataRoots: values["data-root"],
    ...(values["web-root"] ? { webRoot: values["web-root"] } : {}),
    maxBodyBytes: Number(values["max-body-mb"]) * 1024 * 1024,
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
}

function token(sub: string, args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: "string" },
      scope: { type: "string" },
      db: { type: "string", default: "./assay.db" },
      json: { type: "boolean", default: false },
    },
  });
  const db = openDatabase(values.db);
  try {
    if (sub === "create") {
      if (!values.name) throw new Error("token create needs --name");
      const scope = TokenScope.safeParse(values.scope);
      if (!scope.success) throw new Error("token create needs --scope read, write or admin");
      io.out(`${createToken(db, { name: values.name, scope: scope.data }).token}\n`);
      return 0;
    }
    if (sub === "list") {
      const tokens = listTokens(db);
      io.out(values.json ? `${JSON.stringify(tokens, null, 2)}\n` : formatTokens(tokens));
      return 0;
    }
    if (sub === "revoke") {
      if (!values.name) throw new Error("token revoke needs --name");
      revokeToken(db, values.name);
      io.out(`revoked ${values.name}\n`);
      return 0;
    }
    throw new Error(`unknown token command '${sub}'\n${USAGE}`);
  } finally {
    closeDatabase(db);
  }
}

function formatTokens(tokens: TokenInfo[]): string {
  const rows = tokens.map((t) => [
    t.name,
    t.scope,
    t.revokedAt ? "revoked" : "active",
    t.createdAt.toISOString(),
    t.lastUsedAt?.toISOString() ?? "never",
  ]);
  const header = ["NAME", "SCOPE", "STATUS", "CREATED", "LAST USED"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  return (
    [header, ...rows]
      .map((r) =>
        r
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}
