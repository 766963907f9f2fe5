import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt } from "./columns";

/**
 * Every change made to the registry: who (the token's name, or the local CLI), what (the API procedure or CLI
 * command), on which entity, and the entity before and after, as JSON. Append-only: the triggers below refuse
 * updates and deletes, so not even a bug in the server can rewrite history.
 */
export const auditLog = sqliteTable("audit_log", {
  id: integer().primaryKey({ autoIncrement: true }),
  at: createdAt(),
  actor: text().notNull(),
  /** How the actor came: `token`, `session` (the web UI) or `cli` (commands run on the store file). */
  via: text({ enum: ["token", "session", "cli"] }).notNull(),
  action: text().notNull(),
  target: text(),
  inputJson: text(),
  beforeJson: text(),
  afterJson: text(),
});

/** The triggers that make `audit_log` append-only; drizzle cannot declare triggers, so its migration adds them. */
export const AUDIT_LOG_TRIGGERS = [
  `CREATE TRIGGER \`audit_log_no_update\` BEFORE UPDATE ON \`audit_log\` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
  `CREATE TRIGGER \`audit_log_no_delete\` BEFORE DELETE ON \`audit_log\` BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
];
