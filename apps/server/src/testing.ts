import type { AppRouter } from "@assay/api";
import { createToken } from "@assay/api";
import type { DB } from "@assay/db";
import { createTestDatabase } from "@assay/db";
import type { TokenScope } from "@assay/workflow/wire";
import { transformer } from "@assay/workflow/wire";
import { createTRPCClient, httpLink } from "@trpc/client";

import type { LevelWithSilent } from "pino";

import type { Logger } from "./observability/logger";
import { createLogger } from "./observability/logger";
import type { RunningServer, ServerOptions } from "./server";
import { startServer } from "./server";

export interface TestServer extends RunningServer {
  db: DB;
  /** A token of each scope, made fresh for this server. */
  tokens: Record<TokenScope, string>;
  client(token: string | null): ReturnType<typeof createTRPCClient<AppRouter>>;
}

/** A real server on a random loopback port over a fresh, migrated store. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const db = createTestDatabase();
  const tokens = {
    read: createToken(db, { name: "reader", scope: "read" }).token,
    write: createToken(db, { name: "writer", scope: "write" }).token,
    admin: createToken(db, { name: "admin", scope: "admin" }).token,
  };
  const running = await startServer({
    db,
    port: 0,
    logger: createLogger({ level: "silent" }),
    ...options,
  });
  return {
    ...running,
    db,
    tokens,
    client: (token) =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${running.url}/trpc`,
            transformer,
            headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
          }),
        ],
      }),
  };
}

/** A logger whose lines are kept in `lines` (parsed), for tests and in-process servers that want to look. */
export function memoryLogger(level: LevelWithSilent = "info"): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const destination = {
    write: (text: string) => {
      for (const line of text.split("\n")) if (line) lines.push(JSON.parse(line) as LogLine);
    },
  };
  return { logger: createLogger({ level, destination }), lines };
}

export interface LogLine {
  level: string;
  time: string;
  msg: string;
  [field: string]: unknown;
}
