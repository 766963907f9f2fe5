/**
 * A filter on a model's metadata as the URL keeps it (`meta=epochs|gte|10`): key, operator and a JSON value, the
 * shape of `model.list`'s `metadata` filters (`JsonFilter` in `@assay/api`), so the server does the filtering.
 */
export const OPS = {
  eq: "=",
  ne: "≠",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  contains: "contains",
  in: "is one of",
  exists: "exists",
} as const;
export type Op = keyof typeof OPS;
type Scalar = string | number | boolean | null;

export interface MetadataFilter {
  path: string;
  op: Op;
  value?: Scalar | Scalar[];
}

const isOp = (op: string): op is Op => Object.hasOwn(OPS, op);

/** The URL's form: the key last, since a dotted key may hold anything but the value is JSON (no bare `|`). */
export function encodeMetadataFilter(filter: MetadataFilter): string {
  return `${filter.op}|${JSON.stringify(filter.value ?? null)}|${filter.path}`;
}

/** The URL's form read back; a hand-edited parameter that does not parse is dropped rather than sent. */
export function decodeMetadataFilter(text: string): MetadataFilter | undefined {
  const first = text.indexOf("|");
  if (first < 0) return undefined;
  const op = text.slice(0, first);
  // The value is JSON and may hold `|` inside a string: try each later `|` as the end of the value.
  for (let end = text.indexOf("|", first + 1); end >= 0; end = text.indexOf("|", end + 1)) {
    const path = text.slice(end + 1);
    try {
      const value = JSON.parse(text.slice(first + 1, end)) as Scalar | Scalar[];
      if (!isOp(op) || !path) return undefined;
      return op === "exists" ? { path, op } : { path, op, value };
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * What the user typed, as the value to compare with: numbers and true/false/null as such (metadata is JSON,
 * `epochs ≥ 10` means the number), anything else as text; "is one of" takes a comma-separated list.
 */
export function parseValue(op: Op, text: string): Scalar | Scalar[] | undefined {
  if (op === "exists") return undefined;
  if (op === "in") return text.split(",").map((part) => scalar(part.trim()));
  if (op === "contains") return text;
  return scalar(text.trim());
}

function scalar(text: string): Scalar {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (text !== "" && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** A chip's label: `epochs ≥ 10`. */
export function describeFilter(filter: MetadataFilter): string {
  if (filter.op === "exists") return `${filter.path} exists`;
  const value = Array.isArray(filter.value)
    ? filter.value.map((v) => String(v)).join(", ")
    : String(filter.value);
  return `${filter.path} ${OPS[filter.op]} ${value}`;
}
