import type { SQL } from "@assay/db";
import { sql } from "@assay/db";
import { z } from "zod";

/**
 * Filters on fields inside stored JSON (metadata, ground truths, inferences, metrics), run by SQLite's JSON
 * functions. SQLite reads the `NaN`/`Infinity` tokens Assay stores (as JSON5), so filters work on every row.
 */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const JsonFilter = z.object({
  /** Dotted path inside the JSON, e.g. `weather` or `label.score`; list items as `boxes.0.label`. */
  path: z.string().min(1).max(200),
  op: z.enum(["eq", "ne", "lt", "lte", "gt", "gte", "contains", "in", "exists"]).default("eq"),
  value: z.union([scalar, z.array(scalar)]).optional(),
});
export type JsonFilter = z.output<typeof JsonFilter>;

/** `weather.kind` → `$."weather"."kind"`; digits index lists. Keys holding a quote are refused. */
export function jsonPath(path: string): string {
  return (
    "$" +
    path
      .split(".")
      .map((segment) => {
        if (/^\d+$/.test(segment)) return `[${segment}]`;
        if (segment.includes('"') || segment === "")
          throw new Error(`invalid field path '${path}'`);
        return `."${segment}"`;
      })
      .join("")
  );
}

/** A SQL condition for one filter on the JSON text in `column`. */
export function jsonCondition(column: SQL, filter: JsonFilter): SQL {
  const path = jsonPath(filter.path);
  const extracted = sql`json_extract(${column}, ${path})`;
  const type = sql`json_type(${column}, ${path})`;
  const { op, value } = filter;
  switch (op) {
    case "exists":
      return sql`${type} IS NOT NULL`;
    case "in": {
      const values = Array.isArray(value) ? value : [value ?? null];
      if (values.length === 0) return sql`0`;
      return sql`(${sql.join(
        values.map((v) => equals(extracted, type, v)),
        sql` OR `,
      )})`;
    }
    case "contains":
      return sql`(${type} = 'text' AND instr(lower(${extracted}), lower(${String(value ?? "")})) > 0)`;
    case "eq":
      return equals(extracted, type, single(value));
    case "ne":
      return sql`NOT (${equals(extracted, type, single(value))})`;
    default: {
      const operator = { lt: "<", lte: "<=", gt: ">", gte: ">=" }[op];
      const v = single(value);
      const kind =
        typeof v === "number" ? sql`${type} IN ('integer', 'real')` : sql`${type} = 'text'`;
      return sql`(${kind} AND ${extracted} ${sql.raw(operator)} ${v})`;
    }
  }
}

function equals(extracted: SQL, type: SQL, value: string | number | boolean | null): SQL {
  if (value === null) return sql`${type} = 'null'`;
  if (typeof value === "boolean") return sql`${type} = ${value ? "true" : "false"}`;
  if (typeof value === "number")
    return sql`(${type} IN ('integer', 'real') AND ${extracted} = ${value})`;
  return sql`(${type} = 'text' AND ${extracted} = ${value})`;
}

function single(value: JsonFilter["value"]): string | number | boolean | null {
  if (Array.isArray(value)) throw new Error("this comparison takes a single value, not a list");
  return value ?? null;
}
