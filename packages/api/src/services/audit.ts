import type { DB } from "@assay/db";
import type { JsonValue } from "@assay/workflow";
import type { AuditEntry } from "@assay/workflow/wire";
import { countLines } from "@assay/workflow/wire";
import { z } from "zod";

import { encodeCursor, numericCursor, pageLength } from "./pagination";

export interface AuditRecord {
  actor: string;
  via: AuditEntry["via"];
  action: string;
  target?: string | null | undefined;
  input?: unknown;
  before?: unknown;
  after?: unknown;
}

/** One change as the audit log stores it: values as JSON text (see `auditValue`). Plain data, for any thread. */
export interface AuditRow {
  at: number;
  actor: string;
  via: AuditEntry["via"];
  action: string;
  target: string | null;
  inputJson: string | null;
  beforeJson: string | null;
  afterJson: string | null;
}

/** A change as a row: values go through `auditValue`, so no secret or bulk data is stored. */
export function auditRow(record: AuditRecord): AuditRow {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(auditValue(value)));
  return {
    at: Date.now(),
    actor: record.actor,
    via: record.via,
    action: record.action,
    target: record.target ?? null,
    inputJson: json(record.input),
    beforeJson: json(record.before),
    afterJson: json(record.after),
  };
}

export function insertAuditRow(db: DB, row: AuditRow): void {
  db.$client
    .prepare(
      `INSERT INTO audit_log (at, actor, via, action, target, input_json, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      row.at,
      row.actor,
      row.via,
      row.action,
      row.target,
      row.inputJson,
      row.beforeJson,
      row.afterJson,
    );
}

/** Appends one change to the audit log. */
export function recordAudit(db: DB, record: AuditRecord): void {
  insertAuditRow(db, auditRow(record));
}

export const ListAuditInput = z.object({
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(500).default(100),
  /** Only entries of this action (`model.update`), or of actions under it (`model`). */
  action: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
});

/** The audit log, newest first. */
export function listAudit(
  db: DB,
  raw: z.input<typeof ListAuditInput>,
): { items: AuditEntry[]; nextCursor: string | null } {
  const input = ListAuditInput.parse(raw);
  const before = numericCursor(input.cursor, Number.MAX_SAFE_INTEGER);
  const rows = db.$client
    .prepare<[AuditQuery], StoredAuditRow>(
      `SELECT id, at, actor, via, action, target, input_json, before_json, after_json FROM audit_log
       WHERE id < @before
         AND (@action IS NULL OR action = @action OR substr(action, 1, length(@action) + 1) = @action || '.')
         AND (@actor IS NULL OR actor = @actor)
       ORDER BY id DESC LIMIT @limit`,
    )
    .all({
      before,
      action: input.action ?? null,
      actor: input.actor ?? null,
      limit: input.limit + 1,
    });
  const length = pageLength(
    rows,
    input.limit,
    (row) =>
      (row.input_json?.length ?? 0) +
      (row.before_json?.length ?? 0) +
      (row.after_json?.length ?? 0),
  );
  const items = rows.slice(0, length).map(toEntry);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > length && last ? encodeCursor([last.id]) : null,
  };
}

interface AuditQuery {
  before: number;
  action: string | null;
  actor: string | null;
  limit: number;
}

interface StoredAuditRow {
  id: number;
  at: number;
  actor: string;
  via: AuditEntry["via"];
  action: string;
  target: string | null;
  input_json: string | null;
  before_json: string | null;
  after_json: string | null;
}

function toEntry(row: StoredAuditRow): AuditEntry {
  const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as JsonValue));
  return {
    id: row.id,
    at: new Date(row.at),
    actor: row.actor,
    via: row.via,
    action: row.action,
    target: row.target,
    input: parse(row.input_json),
    before: parse(row.before_json),
    after: parse(row.after_json),
  };
}

/** Keys whose values are never written to the log, whatever procedure they come from. */
const SECRET = /token|password|secret|cookie|session/i;
const MAX_STRING = 500;
const MAX_ITEMS = 100;
const MAX_DEPTH = 8;

/**
 * A value as the audit log keeps it: plain JSON, secrets replaced by `"[redacted]"`, NDJSON `lines` by their count,
 * long strings and arrays cut short (an upload's rows are data, not the change's description), dates as ISO text.
 */
export function auditValue(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") {
    return value.length > MAX_STRING
      ? `${value.slice(0, MAX_STRING)}… (${value.length.toLocaleString("en")} characters)`
      : value;
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => auditValue(item, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (SECRET.test(key)) out[key] = "[redacted]";
      else if (key === "lines" && typeof item === "string")
        out[key] = `<${countLines(item).toLocaleString("en")} lines>`;
      else out[key] = auditValue(item, depth + 1);
    }
    return out;
  }
  // Functions and symbols: not data.
  return typeof value;
}

/** What a change was made to, for the log's `target` column: `model 'resnet' (#3)`, `test run #12`. */
export function auditTarget(action: string, input: unknown, after: unknown): string | null {
  const entity = action
    .slice(0, action.indexOf("."))
    .replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  const pick = (value: unknown) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const record = value as Record<string, unknown>;
    const id =
      record[`${action.slice(0, action.indexOf("."))}Id`] ?? record.id ?? record.testRunId ?? null;
    const name = typeof record.name === "string" ? record.name : null;
    if (name === null && (typeof id !== "number" || !Number.isFinite(id))) return null;
    return `${entity}${name === null ? "" : ` '${name}'`}${typeof id === "number" ? ` (#${id})` : ""}`;
  };
  if (Array.isArray(after)) {
    const names = after.map(pick).filter((t): t is string => t !== null);
    return names.length > 0 ? names.slice(0, 5).join(", ") + (names.length > 5 ? ", …" : "") : null;
  }
  return pick(after) ?? pick(input);
}
