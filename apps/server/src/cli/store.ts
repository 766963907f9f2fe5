import { createReadStream, createWriteStream, rmSync } from "node:fs";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";

import { backupStore, exportRegistry, importRegistry, restoreStore } from "../registry-io";
import type { Command } from "./io";
import { NotFoundError, required, UsageError } from "./io";

export const backupCommand: Command = {
  help: `Usage:
  assay-server backup --to FILE [--db ./assay.db] [--force]
      Copies the store with SQLite's online backup (a server may be running on it) and checks the copy's
      integrity. An existing FILE is replaced only with --force.
`,
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: "string", default: "./assay.db" },
        to: { type: "string" },
        force: { type: "boolean", default: false },
      },
    });
    const to = required(values.to, "backup needs --to FILE");
    const summary = await backupStore(values.db, to, { force: values.force });
    io.out(
      `backed up ${values.db} to ${to}: ${summary.bytes} bytes, ${summary.tables} tables, ` +
        `${summary.migrations} migrations, integrity ok\n`,
    );
    return 0;
  },
};

export const restoreCommand: Command = {
  help: `Usage:
  assay-server restore --from FILE [--db ./assay.db] [--force]
      Checks a backup and puts it in place of the store, then applies newer migrations. Stop the server
      first: a store in use is refused. An existing store is replaced only with --force.
`,
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        from: { type: "string" },
        db: { type: "string", default: "./assay.db" },
        force: { type: "boolean", default: false },
      },
    });
    const from = required(values.from, "restore needs --from FILE");
    const summary = await restoreStore(from, values.db, { force: values.force });
    const migrated = summary.migrated ? `, ${summary.migrated} newer migrations applied` : "";
    io.out(`restored ${from} to ${values.db}: ${summary.bytes} bytes${migrated}\n`);
    return 0;
  },
};

export const exportCommand: Command = {
  help: `Usage:
  assay-server export --out FILE.jsonl|- [--db ./assay.db] [--force]
      Writes the whole registry as JSONL, every row as stored, from one consistent snapshot (server running
      or not). Web sessions are left out. An existing FILE is replaced only with --force.
`,
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: "string", default: "./assay.db" },
        out: { type: "string" },
        force: { type: "boolean", default: false },
      },
    });
    const out = required(values.out, "export needs --out FILE.jsonl (or - for stdout)");
    const file = out === "-" ? null : out;
    const counts = file
      ? await exportToFile(values.db, file, values.force)
      : await exportRegistry(values.db, io.stdout ?? process.stdout);
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    // The summary goes to stderr when the export itself is on stdout.
    (file ? io.out : io.err)(
      `exported ${rows} rows of ${Object.keys(counts).length} tables from ${values.db} to ${file ?? "stdout"}\n`,
    );
    return 0;
  },
};

export const importCommand: Command = {
  help: `Usage:
  assay-server import --in FILE.jsonl|- [--db NEW.db]
      Reads an export into a new or empty store, all or nothing; the export must come from the same schema.
`,
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: { db: { type: "string", default: "./assay.db" }, in: { type: "string" } },
    });
    const from = required(values.in, "import needs --in FILE.jsonl (or - for stdin)");
    const input = from === "-" ? (io.stdin ?? process.stdin) : await openForReading(from);
    try {
      const counts = await importRegistry(values.db, input);
      const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
      io.out(`imported ${rows} rows of ${Object.keys(counts).length} tables into ${values.db}\n`);
      return 0;
    } finally {
      if (from !== "-") input.destroy();
    }
  },
};

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
      throw new UsageError(`${file} exists; pass --force to replace it`);
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

/** Opens a file to read, failing here (with the file's name) rather than midway through the import. */
async function openForReading(file: string): Promise<Readable> {
  const stream = createReadStream(file);
  try {
    await new Promise((resolve, reject) => stream.once("open", resolve).once("error", reject));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new NotFoundError(`${file} does not exist`);
    throw error;
  }
  return stream;
}
