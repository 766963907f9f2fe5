import type { Evaluator, EvaluatorConfiguration } from "@assay/workflow";
import { parseWith } from "@assay/workflow/wire";
import { z } from "zod";

import { ClassificationEvaluator } from "./classification/evaluator";
import { ClassificationConfiguration, ClassificationOptions } from "./classification/options";
import { KeypointsEvaluator } from "./keypoints/evaluator";
import { KeypointsConfiguration, KeypointsOptions } from "./keypoints/options";
import { ObjectDetectionEvaluator } from "./object-detection/evaluator";
import { ObjectDetectionConfiguration, ObjectDetectionOptions } from "./object-detection/options";
import { RegressionEvaluator } from "./regression/evaluator";
import { RegressionConfiguration, RegressionOptions } from "./regression/options";

/** Any built-in evaluator: records in, records out, configured by plain JSON. */
export type BuiltInEvaluator = Evaluator<
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>,
  EvaluatorConfiguration
>;

interface Entry<O extends z.ZodType, C extends z.ZodType> {
  readonly description: string;
  /** How the evaluator reads samples (field names, class lists…); JSON, every field optional. */
  readonly options: O;
  /** One evaluation setting (a threshold, an IoU); JSON with a `displayName`. */
  readonly configuration: C;
  readonly create: (
    configurations?: readonly EvaluatorConfiguration[],
    options?: z.input<O>,
  ) => BuiltInEvaluator;
}

function entry<O extends z.ZodType, C extends z.ZodType>(value: Entry<O, C>): Entry<O, C> {
  return value;
}

/**
 * Assay's built-in evaluators by name, each constructible from JSON alone: the SDK, the server and the CLI's
 * `assay test` all build them from `{ name, options?, configurations? }` (see `createBuiltInEvaluator`).
 */
export const builtInEvaluators = {
  classification: entry({
    description:
      "Binary and multiclass classification: accuracy, per-class / macro / micro / weighted P-R-F1, ROC AUC, AP, top-k",
    options: ClassificationOptions,
    configuration: ClassificationConfiguration,
    create: (configurations, options) => new ClassificationEvaluator(configurations, options),
  }),
  regression: entry({
    description:
      "Regression: MAE, MSE, RMSE, R², MAPE, Pearson and Spearman correlation, residuals",
    options: RegressionOptions,
    configuration: RegressionConfiguration,
    create: (configurations, options) => new RegressionEvaluator(configurations, options),
  }),
  "object-detection": entry({
    description:
      "Object detection (boxes or polygons): PASCAL VOC matching, TP/FP/FN and confusions, per-class AP, F1-optimal thresholds",
    options: ObjectDetectionOptions,
    configuration: ObjectDetectionConfiguration,
    create: (configurations, options) => new ObjectDetectionEvaluator(configurations, options),
  }),
  keypoints: entry({
    description:
      "Keypoint detection: normalised mean error (inter-ocular) and failure-to-align rate",
    options: KeypointsOptions,
    configuration: KeypointsConfiguration,
    create: (configurations, options) => new KeypointsEvaluator(configurations, options),
  }),
} as const;

export type BuiltInEvaluatorName = keyof typeof builtInEvaluators;

const spec = <N extends BuiltInEvaluatorName>(name: N) =>
  z
    .object({
      name: z.literal(name),
      options: builtInEvaluators[name].options.optional(),
      configurations: z.array(builtInEvaluators[name].configuration).min(1).optional(),
    })
    .strict();

/** The JSON that names and sets up a built-in evaluator. */
export const BuiltInEvaluatorSpec = z.discriminatedUnion("name", [
  spec("classification"),
  spec("regression"),
  spec("object-detection"),
  spec("keypoints"),
]);
export type BuiltInEvaluatorSpec = z.input<typeof BuiltInEvaluatorSpec>;

/**
 * Builds a built-in evaluator from JSON, e.g.
 * `createBuiltInEvaluator({ name: "classification", options: { positiveLabel: "cat", labels: ["cat", "dog"] },
 * configurations: [{ displayName: "t=0.5", threshold: 0.5 }] })`. Bad JSON throws an `InputValidationError`
 * naming the field.
 */
export function createBuiltInEvaluator(input: unknown): BuiltInEvaluator {
  const parsed = parseWith(BuiltInEvaluatorSpec, input, "evaluator");
  const { create } = builtInEvaluators[parsed.name] as Entry<z.ZodType, z.ZodType>;
  // The evaluators parse options and configurations again (defaults, messages rooted at their own names);
  // pass the caller's JSON through so nothing is lost.
  const raw = input as { options?: unknown; configurations?: readonly EvaluatorConfiguration[] };
  return create(raw.configurations, raw.options);
}
