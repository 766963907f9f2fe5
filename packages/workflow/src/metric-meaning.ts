import { z } from "zod";

/**
 * What a metric measures, which decides how a difference in it is tested (see `@assay/metrics`' comparison
 * engine): the share of samples where something holds (`proportion`, e.g. accuracy), the mean of a per-sample value
 * (`mean`, e.g. mean absolute error), how many samples or objects (`count`, e.g. false negatives), or a value
 * computed from all samples at once (`aggregate`, e.g. F1, AP, AUC).
 */
export const METRIC_KINDS = ["proportion", "mean", "count", "aggregate"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/**
 * Aggregates the comparison engine can recompute from per-sample values (see `MetricMeaning.recompute`), with the
 * per-sample fields each reads: `precision`/`recall`/`f1`/`fpr`/`specificity` from counts or flags `tp`, `fp`,
 * `fn`, `tn` (summed); `rootMean` from `value` (the root of its mean, e.g. RMSE from squared errors); `rocAuc` and
 * `averagePrecision` from `score` with the positives where `tp` or `fn` is set; the class averages from the
 * categorical `label` and `predicted` (a missing prediction is wrong for every class).
 */
export const AGGREGATE_FORMULAS = [
  "precision",
  "recall",
  "f1",
  "fpr",
  "specificity",
  "rootMean",
  "rocAuc",
  "averagePrecision",
  "macroPrecision",
  "macroRecall",
  "macroF1",
  "microPrecision",
  "microRecall",
  "microF1",
  "weightedPrecision",
  "weightedRecall",
  "weightedF1",
] as const;
export type AggregateFormula = (typeof AGGREGATE_FORMULAS)[number];

const FieldName = z.string().min(1).max(256);

export const MetricMeaning = z
  .object({
    kind: z.enum(METRIC_KINDS).optional(),
    /**
     * The per-sample metric field it is made of, which the comparison engine tests on: a proportion is the share
     * of samples where it is true, a mean its mean, a count its sum. Left out: the metric cannot be tested.
     */
    of: FieldName.optional(),
    /** An aggregate: how to recompute it from per-sample fields (by role) on resampled samples. */
    recompute: z
      .object({
        formula: z.enum(AGGREGATE_FORMULAS),
        of: z.record(z.string().min(1).max(32), FieldName),
      })
      .strict()
      .optional(),
    /** Whether a larger value is an improvement. Left out: the metric has no direction, and is never coloured. */
    higherIsBetter: z.boolean().optional(),
    /** How people call it ("Mean absolute error"). */
    displayName: z.string().trim().min(1).max(128).optional(),
  })
  .strict();
export type MetricMeaning = z.output<typeof MetricMeaning>;

/** Where the meaning goes in a schema's metadata (and so in its JSON Schema). */
const KEY = "assayMetric";

/**
 * Declares what a metric field means, where the field is defined:
 * `accuracy: metric(z.number(), { kind: "proportion", higherIsBetter: true, displayName: "Accuracy" })`. The web
 * UI, the CLI and the gate read it (never the field's name) to say which way is better and to pick the test.
 */
export function metric<T extends z.ZodType>(schema: T, meaning: MetricMeaning): T {
  return schema.meta({ [KEY]: MetricMeaning.parse(meaning) });
}

/**
 * The declared meanings of a metrics schema's fields, by field name; a list of rows (one per class) is read
 * too, its fields named `list.field` ("perClass.precision"). Fields without a declaration are left out.
 */
export function metricMeanings(schema: z.ZodObject): Record<string, MetricMeaning> {
  const meanings: Record<string, MetricMeaning> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const meaning = meaningOf(field as z.ZodType);
    if (meaning) meanings[name] = meaning;
    const inner = unwrap(field as z.ZodType);
    if (inner instanceof z.ZodArray && inner.element instanceof z.ZodObject) {
      for (const [nested, value] of Object.entries(metricMeanings(inner.element)))
        meanings[`${name}.${nested}`] = value;
    }
  }
  return meanings;
}

function meaningOf(field: z.ZodType): MetricMeaning | undefined {
  for (let schema: z.ZodType | undefined = field; schema; schema = unwrapOnce(schema)) {
    const declared = schema.meta()?.[KEY];
    if (declared !== undefined) return MetricMeaning.parse(declared);
  }
  return undefined;
}

function unwrap(field: z.ZodType): z.ZodType {
  let schema = field;
  for (let next = unwrapOnce(schema); next; next = unwrapOnce(schema)) schema = next;
  return schema;
}

/** The schema inside an optional, nullable or defaulted one. */
function unwrapOnce(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault
  ) {
    return schema.unwrap() as z.ZodType;
  }
  return undefined;
}
