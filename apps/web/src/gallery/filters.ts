import type { RouterInputs } from "@assay/api";

export type SampleFilter = RouterInputs["testCase"]["samples"]["filters"] extends
  (infer F)[] | undefined
  ? F
  : never;
export type FilterTarget = SampleFilter["target"];
export type FilterOp = NonNullable<SampleFilter["op"]>;

export const TARGETS: Record<FilterTarget, string> = {
  metadata: "metadata",
  testSample: "sample field",
  groundTruth: "ground truth",
  inference: "inference",
  metrics: "metric",
};
export const OPS: Record<FilterOp, string> = {
  eq: "=",
  ne: "≠",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
  contains: "contains",
  in: "in",
  exists: "exists",
};

/**
 * Filters travel in the URL as `target[@ref]|path|op|value`, the value as JSON (the ref is the model id of an
 * inference filter, or `run:configuration` for a metric filter).
 */
export function encodeFilter(filter: SampleFilter): string {
  const ref =
    filter.target === "inference"
      ? `@${filter.modelId}`
      : filter.target === "metrics"
        ? `@${filter.testRunId}:${filter.configuration ?? ""}`
        : "";
  return `${filter.target}${ref}|${filter.path}|${filter.op ?? "eq"}|${JSON.stringify(filter.value ?? null)}`;
}

export function decodeFilter(text: string): SampleFilter | null {
  const [head, path, op, value] = text.split("|");
  if (!head || !path || !op || value === undefined) return null;
  const [target, ref] = head.split("@") as [FilterTarget, string | undefined];
  if (!(target in TARGETS) || !(op in OPS)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  const filter: SampleFilter = {
    target,
    path,
    op: op as FilterOp,
    value: parsed as SampleFilter["value"],
  };
  if (target === "inference") filter.modelId = Number(ref);
  if (target === "metrics") {
    const [run, configuration] = (ref ?? "").split(":");
    filter.testRunId = Number(run);
    filter.configuration = configuration ?? "";
  }
  return filter;
}

/** A typed value from what the user typed: numbers, booleans, null and JSON lists are read as such. */
export function filterValue(text: string): SampleFilter["value"] {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      return parsed as SampleFilter["value"];
  } catch {
    // plain text
  }
  return trimmed;
}

export function describeFilter(filter: SampleFilter, modelName: (id: number) => string): string {
  const where =
    filter.target === "inference"
      ? `${modelName(filter.modelId ?? 0)} inference`
      : TARGETS[filter.target];
  const value = filter.op === "exists" ? "" : ` ${JSON.stringify(filter.value)}`;
  return `${where}.${filter.path} ${OPS[filter.op ?? "eq"]}${value}`;
}
