import type { MetricMeaning } from "@assay/workflow";

import type { SampleFilter } from "../gallery/filters";
import { formatNumber } from "../lib/format";

/** A per-sample metric field's JSON type, as `result.metricFields` reads it from the stored samples. */
export type SampleFieldType = "boolean" | "number" | "string" | "list" | "object";
export type SampleFields = Record<string, SampleFieldType>;

/** The run and configuration whose per-sample metrics a drill-down filters on. */
export interface RunRef {
  testRunId: number;
  configuration: string;
}

/** The samples behind a number: the gallery filters that pick them, and what the link claims they are. */
export interface Drill {
  filters: SampleFilter[];
  claim: string;
}

const on = (
  run: RunRef,
  path: string,
  op: NonNullable<SampleFilter["op"]>,
  value?: SampleFilter["value"],
): SampleFilter => ({
  target: "metrics",
  testRunId: run.testRunId,
  configuration: run.configuration,
  path,
  op,
  ...(value === undefined ? {} : { value }),
});

const count = (n: number) => formatNumber(Math.round(n));

/**
 * The samples a test case's metric is made of, picked by what the metric is declared to mean (never by its
 * name): a share of a boolean field links to the samples that fail it (false when higher is better, true when
 * lower is), a count of a boolean flag to the samples where it is set, a count summed from numbers to the
 * samples where it is > 0, a mean or an aggregate to the samples it is computed from. Without a declared
 * per-sample field (or without per-sample metrics stored) it links to all the test case's samples.
 */
export function metricDrill(args: {
  meaning: MetricMeaning | null | undefined;
  value: unknown;
  sampleCount: number;
  fields: SampleFields;
  run: RunRef;
}): Drill {
  const { meaning, value, sampleCount: n, fields, run } = args;
  const all: Drill = { filters: [], claim: `all ${count(n)} samples` };
  const field = meaning?.of;
  const type = field === undefined ? undefined : fields[field];
  if (meaning && field !== undefined && type !== undefined && typeof value === "number") {
    const name = meaning.displayName ?? field;
    switch (meaning.kind) {
      case "proportion":
        if (type !== "boolean") break;
        if (meaning.higherIsBetter === false)
          return {
            filters: [on(run, field, "eq", true)],
            claim: `${count(value * n)} failing of ${count(n)}`,
          };
        if (meaning.higherIsBetter === true)
          return {
            filters: [on(run, field, "eq", false)],
            claim: `${count((1 - value) * n)} wrong of ${count(n)}`,
          };
        return {
          filters: [on(run, field, "eq", true)],
          claim: `${count(value * n)} of ${count(n)}`,
        };
      case "count":
        if (type === "boolean")
          return { filters: [on(run, field, "eq", true)], claim: `${count(value)} of ${count(n)}` };
        if (type === "number")
          return {
            filters: [on(run, field, "gt", 0)],
            claim: `${count(value)} ${name.toLowerCase()} on the samples with ${field} > 0`,
          };
        break;
      case "mean":
        return { filters: [on(run, field, "exists")], claim: `the mean of ${count(n)} samples` };
    }
  }
  // An aggregate is made of every sample that has the fields it is recomputed from.
  const roles = Object.values(meaning?.recompute?.of ?? {}).filter((f) => fields[f] !== undefined);
  const first = roles[0];
  if (first !== undefined && typeof value === "number")
    return { filters: [on(run, first, "exists")], claim: `computed from ${count(n)} samples` };
  return all;
}

/**
 * A confusion-matrix cell: the samples of actual class `actual` predicted as `predicted`, by the per-sample
 * `label` and `predicted` fields (the classification evaluator's). Undefined when the samples do not have them
 * (object detection counts boxes, not samples: its cells have no per-sample filter).
 */
export function confusionDrill(args: {
  actual: string;
  predicted: string;
  value: number;
  fields: SampleFields;
  run: RunRef;
}): Drill | undefined {
  const { fields, run } = args;
  if (fields.label !== "string" || fields.predicted !== "string") return undefined;
  return {
    filters: [on(run, "label", "eq", args.actual), on(run, "predicted", "eq", args.predicted)],
    claim: `${count(args.value)} ${args.actual} predicted as ${args.predicted}`,
  };
}

/**
 * A nested row (per class, per keypoint): the samples of that row, when the per-sample metrics carry the row's
 * key field with the same name (the classification evaluator's `label`). Its `n`, when the row has one, is the
 * count it claims.
 */
export function rowDrill(args: {
  key: Record<string, string>;
  n: unknown;
  fields: SampleFields;
  run: RunRef;
}): Drill | undefined {
  const entries = Object.entries(args.key);
  if (entries.length === 0 || entries.some(([name]) => args.fields[name] !== "string"))
    return undefined;
  const what = entries.map(([, value]) => value).join(", ");
  return {
    filters: entries.map(([name, value]) => on(args.run, name, "eq", value)),
    claim:
      typeof args.n === "number" ? `${count(args.n)} samples of ${what}` : `samples of ${what}`,
  };
}

/**
 * A histogram bin of a per-sample numeric field: lo ≤ field < hi, the last bin closed (as the evaluators bin,
 * numpy's way). `extra` narrows to one of the histogram's rows (e.g. the incorrect ones).
 */
export function binDrill(args: {
  field: string;
  lo: number;
  hi: number;
  last: boolean;
  frequency: number;
  extra?: SampleFilter;
  run: RunRef;
}): Drill {
  const { field, lo, hi, run } = args;
  return {
    filters: [
      on(run, field, "gte", lo),
      on(run, field, args.last ? "lte" : "lt", hi),
      ...(args.extra ? [args.extra] : []),
    ],
    claim: `${count(args.frequency)} samples with ${field} ${formatNumber(lo)} … ${formatNumber(hi)}`,
  };
}

/** A point of a cumulative curve: the samples whose field is at most its x. */
export function atMostDrill(args: {
  field: string;
  value: number;
  count: number;
  run: RunRef;
}): Drill {
  return {
    filters: [on(args.run, args.field, "lte", args.value)],
    claim: `${count(args.count)} samples with ${args.field} ≤ ${formatNumber(args.value)}`,
  };
}

export { on as metricFilter };
