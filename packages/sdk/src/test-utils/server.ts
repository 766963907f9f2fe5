import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { initialize } from "../client/client";

export interface ServerProcess {
  url: string;
  /** The bootstrap admin token the server printed. */
  token: string;
  dir: string;
  stop(): Promise<void>;
}

const BIN = fileURLToPath(new URL("../../../../apps/server/bin/assay-server.js", import.meta.url));

/**
 * Starts the real `assay serve` in its own process on a random loopback port, over a fresh store in a temporary
 * folder, and points the SDK at it with the bootstrap admin token.
 */
export async function startServerProcess(extraArgs: string[] = []): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), "assay-sdk-"));
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--db", join(dir, "assay.db"), ...extraArgs],
    {
      stdio: ["ignore", "pipe", "pipe"],
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
      const token = /assay_[\w-]{43}/.exec(output)?.[0];
      if (url && token) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  initialize({ url, token });
  return {
    url,
    token,
    dir,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** A random prefix, so tests sharing a server never collide on names (Kolena's integration tests do the same). */
export function uniquePrefix(): string {
  return randomBytes(6).toString("hex");
}
