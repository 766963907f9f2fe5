import { parseArgs } from "node:util";

import type { AuditEntry } from "@assay/workflow/wire";

import { getClient } from "../../client/client";
import type { Io } from "../io";
import { formatJson, formatTable, UsageError } from "../io";

export const AUDIT_HELP = `Usage:
  assay audit [--limit 50] [--action ACTION] [--actor TOKEN_NAME] [--json]
      The registry's audit log, newest first: every change, who made it (the token's name), what it was made
      to, and with --json the entity before and after. --action takes a procedure (model.update) or a domain
      (model). Needs an admin token.
`;

export async function auditCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      limit: { type: "string", default: "50" },
      action: { type: "string" },
      actor: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError("--limit must be a positive integer");
  const client = getClient();
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  while (entries.length < limit) {
    const page: { items: AuditEntry[]; nextCursor: string | null } = await client.call((trpc) =>
      trpc.audit.list.query({
        action: values.action,
        actor: values.actor,
        cursor,
        limit: Math.min(500, limit - entries.length),
      }),
    );
    entries.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  io.out(
    values.json
      ? formatJson(entries)
      : formatTable(
          ["WHEN", "ACTOR", "VIA", "ACTION", "TARGET"],
          entries.map((e) => [e.at.toISOString(), e.actor, e.via, e.action, e.target ?? ""]),
        ),
  );
  return 0;
}
