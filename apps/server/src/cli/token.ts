import { parseArgs } from "node:util";

import type { TokenInfo } from "@assay/api";
import { createToken, listTokens, recordAudit, revokeToken } from "@assay/api";
import { closeDatabase, openDatabase } from "@assay/db";
import { TokenScope } from "@assay/workflow/wire";

import type { Command, Io } from "./io";
import { required, UsageError } from "./io";

const HELP = `Usage:
  assay-server token create --name NAME --scope read|write|admin [--db ./assay.db]
      Makes a token and prints only the token. Works on the database file, server running or not.
  assay-server token list [--db ./assay.db] [--json]
  assay-server token revoke --name NAME [--db ./assay.db]

A read token reads the registry, a write token also changes it (tests, models, suites), an admin token
also makes and revokes tokens and reads the audit log. The store keeps only a hash of each token.
`;

/** Token commands work on the store file, with no token of their own: the audit log names them so. */
const LOCAL_CLI = { actor: "local CLI", via: "cli" } as const;

export const tokenCommand: Command = {
  help: HELP,
  run: (argv, io) => {
    const [sub, ...args] = argv;
    const { values } = parseArgs({
      args,
      options: {
        name: { type: "string" },
        scope: { type: "string" },
        db: { type: "string", default: "./assay.db" },
        json: { type: "boolean", default: false },
      },
    });
    if (sub !== "create" && sub !== "list" && sub !== "revoke") {
      throw new UsageError(
        sub ? `unknown token command '${sub}'` : "token needs create, list or revoke",
      );
    }
    const db = openDatabase(values.db);
    try {
      if (sub === "create") return create(db, values.name, values.scope, io);
      if (sub === "list") return list(db, values.json, io);
      return revoke(db, values.name, io);
    } finally {
      closeDatabase(db);
    }
  },
};

type Db = ReturnType<typeof openDatabase>;

function create(db: Db, name: string | undefined, scopeText: string | undefined, io: Io): number {
  const tokenName = required(name, "token create needs --name");
  const scope = TokenScope.safeParse(scopeText);
  if (!scope.success) throw new UsageError("token create needs --scope read, write or admin");
  const made = createToken(db, { name: tokenName, scope: scope.data });
  recordAudit(db, {
    ...LOCAL_CLI,
    action: "token.create",
    target: `token '${tokenName}'`,
    input: { name: tokenName, scope: scope.data },
    after: made.info,
  });
  io.out(`${made.token}\n`);
  return 0;
}

function list(db: Db, json: boolean, io: Io): number {
  const tokens = listTokens(db);
  io.out(json ? `${JSON.stringify(tokens, null, 2)}\n` : formatTokens(tokens));
  return 0;
}

function revoke(db: Db, name: string | undefined, io: Io): number {
  const tokenName = required(name, "token revoke needs --name");
  const before = listTokens(db).find((t) => t.name === tokenName);
  const after = revokeToken(db, tokenName);
  recordAudit(db, {
    ...LOCAL_CLI,
    action: "token.revoke",
    target: `token '${tokenName}'`,
    input: { name: tokenName },
    before,
    after,
  });
  io.out(`revoked ${tokenName}\n`);
  return 0;
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
