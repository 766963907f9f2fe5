import { TRUTH_COLOR, modelColor } from "../lib/colors";
import type { Evaluation } from "./evaluation";
import type { JsonObject, SampleLine } from "./lines";
import type { DetectionMatches } from "./matches";
import {
  isDetectionMetrics,
  matchesAt,
  matchSettings,
  mistakesText,
  storedMatches,
} from "./matches";
import type { Source } from "./sample-view";
import type { InferenceOf } from "./use-inferences";

export interface SourceContext {
  models: { id: number; name: string }[];
  inferenceOf: InferenceOf;
  metricsOf: (testRunId: number, sampleId: number) => JsonObject | undefined;
  /** The evaluations explaining the models' mistakes (a model may have a detection's and a classification's). */
  evaluations: Evaluation[];
  /** A threshold to judge detections at; undefined: the evaluator's decisions as stored. */
  threshold: number | undefined;
  /** Layers switched off: "truth" or model ids. */
  hidden: ReadonlySet<string>;
}

/** A model's metrics on a sample from each of its evaluations. */
function metricsOfModel(line: SampleLine, modelId: number, context: SourceContext) {
  return context.evaluations
    .filter((e) => e.modelId === modelId)
    .map((evaluation) => ({
      evaluation,
      metrics: context.metricsOf(evaluation.testRunId, line.id),
    }));
}

/** A model's detection matches on a sample: the stored ones, or re-matched at the chosen threshold. */
export function modelMatches(
  line: SampleLine,
  modelId: number,
  context: SourceContext,
): DetectionMatches | undefined {
  const found = metricsOfModel(line, modelId, context).find(({ metrics }) =>
    isDetectionMetrics(metrics),
  );
  const metrics = found?.metrics;
  if (!found || !isDetectionMetrics(metrics)) return undefined;
  if (context.threshold === undefined) return storedMatches(metrics);
  const { evaluation } = found;
  const settings = matchSettings(evaluation.run.settings[evaluation.configuration]);
  const inference = context.inferenceOf(line.id, modelId);
  return matchesAt(line.groundTruth, inference, metrics, settings, context.threshold);
}

/**
 * A sample's layers as the gallery draws them: ground truth in white over a dark outline, then each chosen model
 * in its own colour, judged by its evaluation (TP / FP / FN for detections, the wrong class for classifications).
 */
export function sourcesOf(line: SampleLine, context: SourceContext): Source[] {
  const truth: Source[] = context.hidden.has("truth")
    ? []
    : [{ name: "ground truth", color: TRUTH_COLOR, value: line.groundTruth, outline: true }];
  return [
    ...truth,
    ...context.models
      .filter((model) => !context.hidden.has(String(model.id)))
      .map((model) => {
        const matches = modelMatches(line, model.id, context);
        const verdicts = metricsOfModel(line, model.id, context).map(({ metrics }) =>
          classificationMistake(metrics),
        );
        const mistake = [matches ? mistakesText(matches) : "", ...verdicts]
          .filter(Boolean)
          .join(" · ");
        return {
          name: model.name,
          color: modelColor(model.id),
          value: context.inferenceOf(line.id, model.id),
          matches,
          mistake,
        };
      }),
  ];
}

/** The classification evaluator's verdict in words: "predicted dog", or "no prediction". */
function classificationMistake(metrics: JsonObject | undefined): string {
  if (metrics?.correct !== false) return "";
  return typeof metrics.predicted === "string" ? `predicted ${metrics.predicted}` : "no prediction";
}

/** TP / FP / FN of each model over some samples, at the context's threshold. */
export function countMatches(lines: readonly SampleLine[], context: SourceContext) {
  return context.models.map((model) => {
    const counts = {
      modelId: model.id,
      name: model.name,
      color: modelColor(model.id),
      tp: 0,
      fp: 0,
      fn: 0,
      judged: 0,
    };
    for (const line of lines) {
      const matches = modelMatches(line, model.id, context);
      if (!matches) continue;
      counts.judged += 1;
      counts.tp += matches.tp.length;
      counts.fp += matches.fp.length;
      counts.fn += matches.fn.length;
    }
    return counts;
  });
}
