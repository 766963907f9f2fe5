import type { Readable, Writable } from "node:stream";

/** Where a command writes; tests capture it. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where `export --out -` writes, with backpressure (process.stdout by default). */
  stdout?: Writable;
  /** What `import --in -` reads (process.stdin by default). */
  stdin?: Readable;
}

/** The command was called wrongly (a missing or malformed flag): exit 2, with the command's help. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** What the command names does not exist (a token, a backup file): exit 4. */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/** One `assay-server` command: its help text and what runs it. */
export interface Command {
  help: string;
  run(args: string[], io: Io): number | Promise<number>;
}

/** A required flag's value, or a usage error naming it. */
export function required<T>(value: T | undefined, message: string): T {
  if (value === undefined || value === "") throw new UsageError(message);
  return value;
}
