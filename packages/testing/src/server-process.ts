import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { binPath, shebang } from "./bins";

export interface ServerProcess {
  url: string;
  /** The port it listens on (pass it back in `SpawnOptions.port` to restart on the same address). */
  port: number;
  /** The bootstrap admin token the new store printed, or the one given in `SpawnOptions.token`. */
  token: string;
  /** The folder holding the store (assay.db); removed on stop. */
  dir: string;
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  readonly output: string;
  /** How it exited: its code, or the signal that ended it; null while it runs. */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** Stops it gracefully (SIGTERM) and removes `dir`. */
  stop(): Promise<void>;
  /** Sends `signal` (e.g. SIGKILL, to simulate a crash) and resolves once it exited; `dir` is kept. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  /** An existing folder whose `assay.db` the server opens (e.g. after a crash); default: a new temporary folder. */
  dir?: string;
  /** The port to listen on; default 0, a random free port. */
  port?: number;
  /**
   * A token valid for this store (e.g. the first start's `token`). A store that already has tokens prints none,
   * so when the store exists (or a token is given) startup does not wait for one.
   */
  token?: string;
}

/**
 * Starts the real `assay-server serve` (the built package's bin) in its own process on a random loopback port,
 * over a fresh store in a temporary folder: for tests and benchmarks that need a server exactly as users run it.
 */
export function spawnServer(
  extraArgs: string[] = [],
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  return spawnBin(binPath("@assay/server", "assay-server"), extraArgs, options);
}

/** `spawnServer` with another `assay-server` bin: one installed in a user's project, run from `cwd`. */
export async function spawnBin(
  bin: string,
  extraArgs: string[] = [],
  options: SpawnOptions & { cwd?: string } = {},
): Promise<ServerProcess> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "assay-server-"));
  const db = join(dir, "assay.db");
  // Only an empty store prints a bootstrap token.
  const awaitToken = options.token === undefined && !existsSync(db);
  const { flags, env } = shebang(bin);
  const child = spawn(
    process.execPath,
    [...flags, bin, "serve", "--port", String(options.port ?? 0), "--db", db, ...extraArgs],
    {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: options.cwd,
      env: { ...process.env, ...env },
    },
  );
  let output = "";
  const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const token = /assay_[\w-]{43}/.exec(output)?.[0] ?? options.token;
      if (url && (token || !awaitToken)) {
        clearTimeout(timer);
        resolve({ url, token: token ?? "" });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port: Number(new URL(url).port),
    token,
    dir,
    pid: child.pid as number,
    get output() {
      return output;
    },
    get exit() {
      return running() ? null : { code: child.exitCode, signal: child.signalCode };
    },
    kill: async (signal = "SIGTERM") => {
      if (running()) child.kill(signal);
      await exited;
    },
    stop: async () => {
      if (running()) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
