import { createReadStream, createWriteStream, rmSync } from "node:fs";
import { finished } from "node:stream/promises";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";

import type { TokenInfo } from "@assay/api";
import {
  createToken,
  ensureBootstrapToken,
  listTokens,
  recordAudit,
  revokeToken,
} from "@assay/api";
import { closeDatabase, openDatabase, startCheckpointer } from "@assay/db";
import { TokenScope } from "@assay/workflow";

import { startWorkerPreparer } from "./prepare/worker-preparer";
import { backupStore, exportRegistry, importRegistry, restoreStore } from "./registry-io";
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

  assay backup --to FILE [--db ./assay.db] [--force]
      Copies the store with SQLite's online backup (a server may be running on it) and checks the copy.
  assay restore --from FILE [--db ./assay.db] [--force]
      Checks a backup and puts it in place of the store, then applies newer migrations. Stop the server first.
  assay export --out FILE.jsonl|- [--db ./assay.db] [--force]
      Writes the whole registry as JSONL, every row as stored, from one consistent snapshot (server running or
      not). Web sessions are left out.
  assay import --in FILE.jsonl|- [--db NEW.db]
      Reads an export into a new or empty store, all or nothing; the export must come from the same schema.
`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where `export --out -` writes, with backpressure (process.stdout by default). */
  stdout?: Writable;
  /** What `import --in -` reads (process.stdin by default). */
  stdin?: Readable;
}

/** Runs `assay serve`, `assay token …` and the store commands; returns the exit code, or never returns while serving. */
export async function runServerCli(argv: string[], io: Io): Promise<number> {
  const [command, sub] = argv;
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(USAGE);
    return 0;
  }
  try {
    if (command === "serve") return await serve(argv.slice(1), io);
    if (command === "token" && sub) return token(sub, argv.slice(2), io);
    if (command === "backup") return await backup(argv.slice(1), io);
    if (command === "restore") return await restore(argv.slice(1), io);
    if (command === "export") return await exportCommand(argv.slice(1), io);
    if (command === "import") return await importCommand(argv.slice(1), io);
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

/** Token commands work on the store file, with no token of their own: the audit log names them so. */
const LOCAL_CLI = { actor: "local CLI", via: "cli" } as const;

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
      const made = createToken(db, { name: values.name, scope: scope.data });
      recordAudit(db, {
        ...LOCAL_CLI,
        action: "token.create",
        target: `token '${values.name}'`,
        input: { name: values.name, scope: scope.data },
        after: made.info,
      });
      io.out(`${made.token}\n`);
      return 0;
    }
    if (sub === "list") {
      const tokens = listTokens(db);
      io.out(values.json ? `${JSON.stringify(tokens, null, 2)}\n` : formatTokens(tokens));
      return 0;
    }
    if (sub === "revoke") {
      if (!values.name) throw new Error("token revoke needs --name");
      const name = values.name;
      const before = listTokens(db).find((t) => t.name === name);
      const after = revokeToken(db, name);
      recordAudit(db, {
        ...LOCAL_CLI,
        action: "token.revoke",
        target: `token '${name}'`,
        input: { name },
        before,
        after,
      });
      io.out(`revoked ${name}\n`);
      return 0;
    }
    throw new Error(`unknown token command '${sub}'\n${USAGE}`);
  } finally {
    closeDatabase(db);
  }
}

async function backup(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: "string", default: "./assay.db" },
      to: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (!values.to) throw new Error("backup needs --to FILE");
  const summary = await backupStore(values.db, values.to, { force: values.force });
  io.out(
    `backed up ${values.db} to ${values.to}: ${summary.bytes} bytes, ${summary.tables} tables, ` +
      `${summary.migrations} migrations, integrity ok\n`,
  );
  return 0;
}

async function restore(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: "string" },
      db: { type: "string", default: "./assay.db" },
      force: { type: "boolean", default: false },
    },
  });
  if (!values.from) throw new Error("restore needs --from FILE");
  const summary = await restoreStore(values.from, values.db, { force: values.force });
  const migrated = summary.migrated ? `, ${summary.migrated} newer migrations applied` : "";
  io.out(`restored ${values.from} to ${values.db}: ${summary.bytes} bytes${migrated}\n`);
  return 0;
}

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: "string", default: "./assay.db" },
      out: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (!values.out) throw new Error("export needs --out FILE.jsonl (or - for stdout)");
  const file = values.out === "-" ? null : values.out;
  const counts = file
    ? await exportToFile(values.db, file, values.force)
    : await exportRegistry(values.db, io.stdout ?? process.stdout);
  const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
  // The summary goes to stderr when the export itself is on stdout.
  (file ? io.out : io.err)(
    `exported ${rows} rows of ${Object.keys(counts).length} tables from ${values.db} to ${file ?? "stdout"}\n`,
  );
  return 0;
}

async function exportToFile(
  db: string,
  file: string,
  force: boolean,
): Promise<Record<string, number>> {
  const out = createWriteStream(file, { flags: force ? "w" : "wx" });
  try {
    await new Promise((resolve, reject) => out.once("open", resolve).once("error", reject));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new Error(`${file} exists; pass --force to replace it`, { cause: error });
    throw error;
  }
  try {
    const counts = await exportRegistry(db, out);
    out.end();
    await finished(out);
    return counts;
  } catch (error) {
    out.destroy();
    rmSync(file, { force: true });
    throw error;
  }
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: "string", default: "./assay.db" }, in: { type: "string" } },
  });
  if (!values.in) throw new Error("import needs --in FILE.jsonl (or - for stdin)");
  const input = values.in === "-" ? (io.stdin ?? process.stdin) : await openForReading(values.in);
  try {
    const counts = await importRegistry(values.db, input);
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    io.out(`imported ${rows} rows of ${Object.keys(counts).length} tables into ${values.db}\n`);
    return 0;
  } finally {
    if (values.in !== "-") input.destroy();
  }
}

/** Opens a file to read, failing here (with the file's name) rather than midway through the import. */
async function openForReading(file: string): Promise<Readable> {
  const stream = createReadStream(file);
  await new Promise((resolve, reject) => stream.once("open", resolve).once("error", reject));
  return stream;
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
