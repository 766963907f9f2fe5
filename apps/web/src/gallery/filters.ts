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
  const at = head.indexOf("@");
  const target = (at < 0 ? head : head.slice(0, at)) as FilterTarget;
  const ref = at < 0 ? undefined : head.slice(at + 1);
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
    // A configuration's display name may hold colons: only the first one ends the run id.
    const [run, configuration] = (ref ?? "").split(/:(.*)/s);
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

/**
 * A filter in words for its chip: an inference filter names the model; a metric filter the run's model, suite
 * version and configuration (two runs' metrics look alike otherwise).
 */
export function describeFilter(
  filter: SampleFilter,
  names: {
    model: (id: number) => string;
    run: (testRunId: number, configuration: string) => string | undefined;
  },
): string {
  const where =
    filter.target === "inference"
      ? `${names.model(filter.modelId ?? 0)} inference`
      : filter.target === "metrics"
        ? `${names.run(filter.testRunId ?? 0, filter.configuration ?? "") ?? `run ${filter.testRunId}`} metric`
        : TARGETS[filter.target];
  const value = filter.op === "exists" ? "" : ` ${JSON.stringify(filter.value)}`;
  return `${where}: ${filter.path} ${OPS[filter.op ?? "eq"]}${value}`;
}
