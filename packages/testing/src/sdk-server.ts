import { randomBytes } from "node:crypto";

import type { ServerProcess } from "./server-process";
import { spawnServer } from "./server-process";

import { initialize } from "@assay/sdk";

export type { ServerProcess };

/** The real server in its own process over a fresh store, with the SDK pointed at it (bootstrap admin token). */
export async function startServerProcess(extraArgs: string[] = []): Promise<ServerProcess> {
  const server = await spawnServer(extraArgs);
  initialize({ url: server.url, token: server.token });
  return server;
}

/** A random prefix, so tests sharing a server never collide on names (Kolena's integration tests do the same). */
export function uniquePrefix(): string {
  return randomBytes(6).toString("hex");
}
