import type {
  EvaluatorConfiguration,
  MetricsRecord,
  Plot,
  TestCaseRef,
  TestSuiteRef,
} from "@assay/workflow";
import { CurvePlot } from "@assay/workflow";
import { parseWith } from "@assay/workflow/wire";
import type { z } from "zod";

import type { Point } from "../../geometry/shapes";
import { invalid } from "../../internal/checks";
import { linspace, mean, variance } from "../../internal/numeric";
import { failureRateCurve, interocularDistance, keypointDistances } from "../../keypoints/nme";
import type { ColumnReader } from "../columnar";
import { ColumnarEvaluator } from "../columnar";
import type { AnyRecord } from "../fields";
import { describe, readField } from "../fields";
import { KeypointsConfiguration, KeypointsOptions } from "./options";
import type { MetricMeaning } from "@assay/workflow";
import { KeypointsCaseMetrics } from "./schemas";
import { metricMeanings } from "@assay/workflow";

interface SampleErrors {
  /** Per-keypoint distances; undefined when nothing was detected. */
  readonly distances?: number[];
  readonly normalization: number;
}

interface Columns {
  readonly n: number;
  readonly errors: readonly SampleErrors[];
}

function pointsOf(value: unknown, where: string): Point[] {
  const points = Array.isArray(value) ? value : (value as AnyRecord | null | undefined)?.points;
  if (!Array.isArray(points))
    throw invalid(where, `expected keypoints (a list of points), got ${describe(value)}`);
  return points as Point[];
}

/**
 * Keypoint detection (landmarks): per sample the normalised mean error (NME, by default normalised by the
 * inter-ocular distance) and whether the sample failed to align (NME above the configured threshold) or to detect
 * (no inference); per test case mean NME, failure rates and a row per keypoint; the failure-rate-vs-threshold
 * curve (the cumulative error distribution) and suite averages.
 */
export class KeypointsEvaluator extends ColumnarEvaluator<Columns> {
  readonly options: z.output<typeof KeypointsOptions>;
  private readonly thresholds = new Map<string, number>();

  constructor(
    configurations?: readonly EvaluatorConfiguration[],
    options: z.input<typeof KeypointsOptions> = {},
  ) {
    const parsed = configurations?.map((configuration, i) =>
      parseWith(KeypointsConfiguration, configuration, `configurations[${i}]`),
    );
    super(parsed);
    for (const c of parsed ?? []) this.thresholds.set(c.displayName, c.threshold);
    this.options = parseWith(KeypointsOptions, options, "options");
  }

  override displayName(): string {
    return "Keypoints";
  }

  override metricMeanings(): Record<string, MetricMeaning> {
    return metricMeanings(KeypointsCaseMetrics);
  }

  private thresholdOf(configuration?: EvaluatorConfiguration): number {
    if (configuration === undefined) return 0.1;
    return (
      this.thresholds.get(configuration.displayName) ??
      parseWith(KeypointsConfiguration, configuration, "configuration").threshold
    );
  }

  protected reader(): ColumnReader<Columns> {
    const errors: SampleErrors[] = [];
    return {
      add: (chunk, offset) => {
        chunk.forEach(([, gt, inf], j) => errors.push(this.sampleErrors(gt, inf, offset + j)));
      },
      done: () => ({ n: errors.length, errors }),
    };
  }

  private sampleErrors(gt: AnyRecord, inf: AnyRecord, i: number): SampleErrors {
    const { groundTruthField, inferenceField, normalization } = this.options;
    const truth = pointsOf(
      readField(gt, groundTruthField),
      `groundTruths[${i}].${groundTruthField}`,
    );
    let scale = 1;
    if (normalization.type === "interocular") {
      scale = interocularDistance(truth, normalization.leftEye, normalization.rightEye);
    } else if (normalization.type === "field") {
      const value = readField(gt, normalization.field);
      scale = typeof value === "number" ? value : NaN;
    }
    if (!(scale > 0) || !Number.isFinite(scale)) {
      throw invalid(
        `groundTruths[${i}]`,
        `the normalisation must be a positive number (got ${scale})`,
      );
    }
    const detected = readField(inf, inferenceField);
    if (detected === undefined || detected === null) return { normalization: scale };
    const where = `inferences[${i}].${inferenceField}`;
    try {
      return {
        distances: keypointDistances(truth, pointsOf(detected, where)),
        normalization: scale,
      };
    } catch (error) {
      if (error instanceof Error) throw invalid(where, error.message);
      throw error;
    }
  }

  protected sampleMetrics(
    { errors }: Columns,
    start: number,
    end: number,
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord[] {
    const threshold = this.thresholdOf(configuration);
    return errors.slice(start, end).map((sample) => {
      if (!sample.distances) {
        return {
          matchType: "failure_to_detect",
          nme: null,
          nrmse: null,
          meanDistance: null,
          normalization: sample.normalization,
        };
      }
      const meanDistance = mean(sample.distances);
      const nme = meanDistance / sample.normalization;
      const nrmse = Math.sqrt(mean(sample.distances.map((d) => (d / sample.normalization) ** 2)));
      return {
        matchType: nme > threshold ? "failure_to_align" : "success",
        nme,
        nrmse,
        meanDistance,
        normalization: sample.normalization,
      };
    });
  }

  protected caseMetrics(
    { errors }: Columns,
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord {
    const threshold = this.thresholdOf(configuration);
    const detected = errors.filter((e): e is Required<SampleErrors> => e.distances !== undefined);
    const nmes = detected.map((e) => mean(e.distances) / e.normalization);
    const n = errors.length;
    const nFailToAlign = nmes.filter((value) => value > threshold).length;
    const nFailToDetect = n - detected.length;
    const width = Math.max(0, ...detected.map((e) => e.distances.length));
    const names = this.options.keypointNames;
    const perKeypoint = Array.from({ length: width }, (_, k) => {
      const rows = detected.filter((e) => e.distances.length > k);
      return {
        keypoint: names?.[k] ?? String(k),
        n: rows.length,
        meanDistance: mean(rows.map((e) => e.distances[k] as number)),
        meanNormalizedDistance: mean(rows.map((e) => (e.distances[k] as number) / e.normalization)),
      };
    });
    const rate = (count: number) => (n > 0 ? count / n : 0);
    return {
      n,
      meanNME: mean(nmes),
      meanNRMSE: mean(
        detected.map((e) => Math.sqrt(mean(e.distances.map((d) => (d / e.normalization) ** 2)))),
      ),
      meanDistance: mean(detected.map((e) => mean(e.distances))),
      nFailToAlign,
      nFailToDetect,
      alignmentFailureRate: rate(nFailToAlign),
      detectionFailureRate: rate(nFailToDetect),
      failureRate: rate(nFailToAlign + nFailToDetect),
      perKeypoint,
    };
  }

  protected override casePlots({ errors }: Columns): Plot[] {
    if (errors.length === 0) return [];
    const nmes = errors.map((e) => (e.distances ? mean(e.distances) / e.normalization : null));
    const x = linspace(0, 0.5, 251);
    return [
      CurvePlot.parse({
        title: "Alignment Failure Rate vs. NME Threshold",
        xLabel: "NME Threshold",
        yLabel: "Alignment Failure Rate",
        curves: [{ x, y: failureRateCurve(nmes, x), label: "NME" }],
      }),
    ];
  }

  override computeTestSuiteMetrics(
    _testSuite: TestSuiteRef,
    metrics: readonly (readonly [TestCaseRef, MetricsRecord])[],
  ): MetricsRecord {
    const pick = (key: string) => metrics.map(([, m]) => (typeof m[key] === "number" ? m[key] : 0));
    return {
      nTestCases: metrics.length,
      meanNME: mean(pick("meanNME")),
      meanFailureRate: mean(pick("failureRate")),
      varianceFailureRate: variance(pick("failureRate")),
    };
  }
}
