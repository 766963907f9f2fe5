import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The file of an installed package's bin (as npm links it): `@assay/server`'s `assay-server`, … */
export function binPath(packageName: string, bin: string): string {
  const manifest = require.resolve(`${packageName}/package.json`);
  const { bin: bins } = JSON.parse(readFileSync(manifest, "utf8")) as {
    bin: Record<string, string>;
  };
  const file = bins[bin];
  if (!file) throw new Error(`${packageName} has no bin '${bin}'`);
  return join(dirname(manifest), file);
}

/**
 * What a bin's `#!/usr/bin/env -S [VAR=value]… node [flag]…` line asks for: a test that starts the bin with
 * `process.execPath` (rather than running the file) passes the same environment and flags, so it runs as users'
 * shells run it.
 */
export function shebang(file: string): { env: Record<string, string>; flags: string[] } {
  const first = readFileSync(file, "utf8").split("\n", 1)[0] ?? "";
  const words = /^#!\S*env\s+(?:-S\s+)?(.*)$/.exec(first)?.[1]?.trim().split(/\s+/) ?? [];
  const node = words.indexOf("node");
  const env = Object.fromEntries(
    words.slice(0, Math.max(0, node)).map((word) => word.split("=", 2) as [string, string]),
  );
  return { env, flags: node < 0 ? [] : words.slice(node + 1) };
}

/** `node [flags] bin`, and the environment it asks for: how tests run a package's bin with this very Node. */
export function binCommand(
  packageName: string,
  bin: string,
): { args: string[]; env: Record<string, string> } {
  const file = binPath(packageName, bin);
  const { env, flags } = shebang(file);
  return { args: [...flags, file], env };
}

export interface BinRun {
  /** The exit code (null when a signal ended it). */
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs a package's bin to completion with `env` over this process's environment (and `CI=1`, so no progress bars),
 * as a user's shell would; resolves to its exit code and output. A variable given as undefined is unset.
 */
export function runBin(
  packageName: string,
  bin: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const command = binCommand(packageName, bin);
    const merged: Record<string, string | undefined> = {
      ...process.env,
      ...command.env,
      CI: "1",
      ...env,
    };
    const defined = Object.entries(merged).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    );
    const child = spawn(process.execPath, [...command.args, ...args], {
      env: Object.fromEntries(defined),
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, out, err }));
  });
}
