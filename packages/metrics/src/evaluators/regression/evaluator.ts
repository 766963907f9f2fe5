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

import { mean } from "../../internal/numeric";
import { pearsonCorrelation, spearmanCorrelation } from "../../regression/correlation";
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  r2Score,
} from "../../regression/errors";
import { residualHistogram } from "../../regression/histogram";
import { float64s } from "../../internal/growable";
import { invalid } from "../../internal/checks";
import type { ColumnReader } from "../columnar";
import { ColumnarEvaluator } from "../columnar";
import type { AnyRecord } from "../fields";
import { describe, readField } from "../fields";
import { RegressionConfiguration, RegressionOptions } from "./options";
import type { MetricMeaning } from "@assay/workflow";
import { RegressionCaseMetrics } from "./schemas";
import { metricMeanings } from "@assay/workflow";

interface Columns {
  readonly n: number;
  readonly yTrue: Float64Array;
  readonly yPred: Float64Array;
}

function numberOf(value: unknown, where: string): number {
  const number = value !== null && typeof value === "object" ? (value as AnyRecord).value : value;
  if (typeof number !== "number" || !Number.isFinite(number)) {
    throw invalid(
      where,
      `expected a finite number (or an object with a numeric "value"), got ${describe(value)}`,
    );
  }
  return number;
}

/**
 * Regression: per-sample residuals and errors; per test case MAE, MSE, RMSE, R², MAPE, Pearson and Spearman
 * correlation (scikit-learn's and scipy's definitions); a residual histogram and an error curve; suite averages.
 * An empty test case gets zeros, and correlations need two samples (0 below), so results are always numbers.
 */
export class RegressionEvaluator extends ColumnarEvaluator<Columns> {
  readonly options: z.output<typeof RegressionOptions>;
  private readonly tolerances = new Map<string, number | undefined>();

  constructor(
    configurations?: readonly EvaluatorConfiguration[],
    options: z.input<typeof RegressionOptions> = {},
  ) {
    const parsed = configurations?.map((configuration, i) =>
      parseWith(RegressionConfiguration, configuration, `configurations[${i}]`),
    );
    super(parsed);
    for (const c of parsed ?? []) this.tolerances.set(c.displayName, c.maxAbsoluteError);
    this.options = parseWith(RegressionOptions, options, "options");
  }

  override displayName(): string {
    return "Regression";
  }

  override metricMeanings(): Record<string, MetricMeaning> {
    return metricMeanings(RegressionCaseMetrics);
  }

  private toleranceOf(configuration?: EvaluatorConfiguration): number | undefined {
    if (configuration === undefined) return undefined;
    if (this.tolerances.has(configuration.displayName))
      return this.tolerances.get(configuration.displayName);
    return parseWith(RegressionConfiguration, configuration, "configuration").maxAbsoluteError;
  }

  protected reader(): ColumnReader<Columns> {
    const { groundTruthField, inferenceField } = this.options;
    const yTrue = float64s();
    const yPred = float64s();
    return {
      add: (chunk, offset) =>
        chunk.forEach(([, gt, inf], j) => {
          const i = offset + j;
          yTrue.push(
            numberOf(readField(gt, groundTruthField), `groundTruths[${i}].${groundTruthField}`),
          );
          yPred.push(
            numberOf(readField(inf, inferenceField), `inferences[${i}].${inferenceField}`),
          );
        }),
      done: () => ({ n: yTrue.size, yTrue: yTrue.done(), yPred: yPred.done() }),
    };
  }

  protected sampleMetrics(
    { yTrue, yPred }: Columns,
    start: number,
    end: number,
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord[] {
    const tolerance = this.toleranceOf(configuration);
    const out: MetricsRecord[] = [];
    for (let i = start; i < end; i++) {
      const truth = yTrue[i] as number;
      const residual = (yPred[i] as number) - truth;
      const absoluteError = Math.abs(residual);
      const metrics: MetricsRecord = {
        residual,
        absoluteError,
        squaredError: residual * residual,
        absolutePercentageError: absoluteError / Math.max(Math.abs(truth), Number.EPSILON),
      };
      if (tolerance !== undefined) metrics.withinTolerance = absoluteError <= tolerance;
      out.push(metrics);
    }
    return out;
  }

  protected caseMetrics(
    { n, yTrue, yPred }: Columns,
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord {
    const tolerance = this.toleranceOf(configuration);
    const metrics: MetricsRecord =
      n === 0
        ? { n, mae: 0, mse: 0, rmse: 0, r2: 0, mape: 0, pearson: 0, spearman: 0, meanResidual: 0 }
        : {
            n,
            mae: meanAbsoluteError(yTrue, yPred),
            mse: meanSquaredError(yTrue, yPred),
            rmse: Math.sqrt(meanSquaredError(yTrue, yPred)),
            r2: r2Score(yTrue, yPred),
            mape: meanAbsolutePercentageError(yTrue, yPred),
            pearson: n >= 2 ? pearsonCorrelation(yTrue, yPred) : 0,
            spearman: n >= 2 ? spearmanCorrelation(yTrue, yPred) : 0,
            meanResidual: mean(yPred.map((p, i) => p - (yTrue[i] as number))),
          };
    if (tolerance !== undefined) {
      let within = 0;
      for (let i = 0; i < n; i++)
        if (Math.abs((yPred[i] as number) - (yTrue[i] as number)) <= tolerance) within++;
      metrics.withinToleranceRate = n > 0 ? within / n : 0;
    }
    return metrics;
  }

  protected override casePlots({ yTrue, yPred }: Columns): Plot[] {
    if (yTrue.length === 0) return [];
    const residuals = yPred.map((p, i) => p - (yTrue[i] as number));
    const errors = residuals.map(Math.abs).sort();
    // The error curve: share of samples whose absolute error is at most x, at up to 101 error levels.
    const steps = Math.min(101, errors.length);
    const x: number[] = [];
    const y: number[] = [];
    for (let s = 0; s < steps; s++) {
      const at =
        steps === 1 ? errors.length - 1 : Math.round((s * (errors.length - 1)) / (steps - 1));
      x.push(errors[at] as number);
      y.push((at + 1) / errors.length);
    }
    return [
      residualHistogram(residuals, { bins: this.options.histogramBins }),
      CurvePlot.parse({
        title: "Samples within Absolute Error",
        xLabel: "Absolute Error",
        yLabel: "Share of Samples",
        curves: [{ x, y }],
      }),
    ];
  }

  override computeTestSuiteMetrics(
    _testSuite: TestSuiteRef,
    metrics: readonly (readonly [TestCaseRef, MetricsRecord])[],
  ): MetricsRecord {
    const pick = (key: string) => metrics.map(([, m]) => (typeof m[key] === "number" ? m[key] : 0));
    return { nTestCases: metrics.length, meanMAE: mean(pick("mae")), meanRMSE: mean(pick("rmse")) };
  }
}
