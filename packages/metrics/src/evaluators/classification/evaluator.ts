import type {
  EvaluatorConfiguration,
  InferenceTriple,
  MetricsRecord,
  Plot,
  TestCaseRef,
  TestSuiteRef,
} from "@assay/workflow";
import { Evaluator } from "@assay/workflow";
import { parseWith } from "@assay/workflow/wire";
import type { z } from "zod";

import { mean } from "../../internal/numeric";
import type { AnyRecord } from "../fields";
import type { CaseAnalysis } from "./case-metrics";
import { analyse, caseMetrics } from "./case-metrics";
import type { Columns } from "./columns";
import { readColumns } from "./columns";
import type { Decisions } from "./decisions";
import { decide } from "./decisions";
import { ClassificationConfiguration, ClassificationOptions } from "./options";
import { classificationPlots } from "./plots";

type Triple = InferenceTriple<AnyRecord, AnyRecord, AnyRecord>;

interface Evaluated {
  readonly columns: Columns;
  readonly decisions: Map<string, Decisions>;
  readonly analyses: Map<string, CaseAnalysis>;
}

/**
 * Binary and multiclass classification: per-sample correctness (and TP/FP/FN/TN when binary), per-test-case
 * accuracy, macro / micro / weighted precision, recall and F1 with a row per class, ROC AUC, average precision and
 * top-k accuracy when scores exist; confusion matrix, ROC, PR, F1-vs-threshold, confidence and per-class F1 plots;
 * suite averages. Agrees with scikit-learn (see the fixture tests).
 *
 * Built for large test cases: a test case is read once into typed arrays (cached by the `inferences` array across
 * the evaluator's methods), curves come from one sort per class, and nothing is parsed with zod per sample.
 */
export class ClassificationEvaluator extends Evaluator<
  AnyRecord,
  AnyRecord,
  AnyRecord,
  EvaluatorConfiguration
> {
  readonly options: z.output<typeof ClassificationOptions>;
  private readonly thresholds = new Map<string, number | undefined>();
  private readonly cache = new WeakMap<readonly Triple[], Evaluated>();

  constructor(
    configurations?: readonly EvaluatorConfiguration[],
    options: z.input<typeof ClassificationOptions> = {},
  ) {
    const parsed = configurations?.map((configuration, i) =>
      parseWith(ClassificationConfiguration, configuration, `configurations[${i}]`),
    );
    super(parsed);
    for (const configuration of parsed ?? []) {
      this.thresholds.set(configuration.displayName, configuration.threshold);
    }
    this.options = parseWith(ClassificationOptions, options, "options");
  }

  override displayName(): string {
    return "Classification";
  }

  private thresholdOf(configuration?: EvaluatorConfiguration): number | undefined {
    if (configuration === undefined) return undefined;
    if (this.thresholds.has(configuration.displayName)) {
      return this.thresholds.get(configuration.displayName);
    }
    return parseWith(ClassificationConfiguration, configuration, "configuration").threshold;
  }

  private evaluated(inferences: readonly Triple[]): Evaluated {
    let evaluated = this.cache.get(inferences);
    if (!evaluated) {
      evaluated = {
        columns: readColumns(inferences, this.options),
        decisions: new Map(),
        analyses: new Map(),
      };
      this.cache.set(inferences, evaluated);
    }
    return evaluated;
  }

  private decisionsOf(inferences: readonly Triple[], configuration?: EvaluatorConfiguration) {
    const evaluated = this.evaluated(inferences);
    const threshold = this.thresholdOf(configuration);
    const key = String(threshold);
    let decisions = evaluated.decisions.get(key);
    if (!decisions) {
      decisions = decide(evaluated.columns, threshold, this.options.positiveLabel);
      evaluated.decisions.set(key, decisions);
    }
    return { columns: evaluated.columns, decisions, key, evaluated };
  }

  /** Confusion, per-class curves and top-k: computed once per test case and configuration, on first use. */
  private analysisOf(inferences: readonly Triple[], configuration?: EvaluatorConfiguration) {
    const { columns, decisions, key, evaluated } = this.decisionsOf(inferences, configuration);
    let analysis = evaluated.analyses.get(key);
    if (!analysis) {
      analysis = analyse(columns, decisions, this.options.topK);
      evaluated.analyses.set(key, analysis);
    }
    return { columns, decisions, analysis };
  }

  computeTestSampleMetrics(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    configuration?: EvaluatorConfiguration,
  ): (readonly [AnyRecord, MetricsRecord])[] {
    const { columns, decisions } = this.decisionsOf(inferences, configuration);
    const { labels, actual, n } = columns;
    const { predicted, score, positive, positiveScore } = decisions;
    const sweep = this.options.thresholds;
    const out = new Array<readonly [AnyRecord, MetricsRecord]>(n);
    for (let i = 0; i < n; i++) {
      const p = predicted[i] as number;
      const a = actual[i] as number;
      const s = score[i] as number;
      const label = labels[a] as string;
      const prediction = p >= 0 ? (labels[p] as string) : null;
      const confidence = Number.isNaN(s) ? null : s;
      // One literal per shape (not properties added later) keeps a million records cheap to build.
      let metrics: MetricsRecord;
      if (positive === undefined) {
        metrics = { label, predicted: prediction, score: confidence, correct: p === a };
      } else {
        const isPositive = p === positive;
        const isActual = a === positive;
        metrics = {
          label,
          predicted: prediction,
          score: confidence,
          correct: p === a,
          isTP: isPositive && isActual,
          isFP: isPositive && !isActual,
          isFN: !isPositive && isActual,
          isTN: !isPositive && !isActual,
        };
      }
      if (sweep) metrics.thresholded = thresholdedRows(sweep, columns, decisions, positiveScore, i);
      out[i] = [(inferences[i] as Triple)[0], metrics];
    }
    return out;
  }

  computeTestCaseMetrics(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    _metrics: readonly MetricsRecord[],
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord {
    const { decisions, analysis } = this.analysisOf(inferences, configuration);
    return caseMetrics(analysis, decisions);
  }

  override computeTestCasePlots(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    _metrics: readonly MetricsRecord[],
    configuration?: EvaluatorConfiguration,
  ): Plot[] {
    const { columns, decisions, analysis } = this.analysisOf(inferences, configuration);
    return classificationPlots(columns, decisions, analysis, {
      maxCurvePoints: this.options.maxCurvePoints,
      ...(this.options.thresholds ? { thresholds: this.options.thresholds } : {}),
    });
  }

  override computeTestSuiteMetrics(
    _testSuite: TestSuiteRef,
    metrics: readonly (readonly [TestCaseRef, MetricsRecord])[],
  ): MetricsRecord {
    const accuracies = metrics.map(([, m]) => (typeof m.accuracy === "number" ? m.accuracy : 0));
    const f1s = metrics.map(([, m]) => (typeof m.macroF1 === "number" ? m.macroF1 : 0));
    return {
      nTestCases: metrics.length,
      meanAccuracy: mean(accuracies),
      meanMacroF1: mean(f1s),
      minAccuracy: accuracies.length > 0 ? Math.min(...accuracies) : 0,
      maxAccuracy: accuracies.length > 0 ? Math.max(...accuracies) : 0,
    };
  }
}

function thresholdedRows(
  thresholds: readonly number[],
  columns: Columns,
  decisions: Decisions,
  positiveScore: Float64Array | undefined,
  i: number,
) {
  const { labels } = columns;
  const actual = columns.actual[i] as number;
  return thresholds.map((threshold) => {
    let predicted: number;
    if (decisions.positive !== undefined && decisions.negative !== undefined && positiveScore) {
      predicted =
        (positiveScore[i] as number) >= threshold ? decisions.positive : decisions.negative;
    } else {
      const confidence = columns.confidence[i] as number;
      predicted = confidence >= threshold ? (columns.predicted[i] as number) : -1;
    }
    return {
      threshold,
      predicted: predicted >= 0 ? (labels[predicted] as string) : null,
      correct: predicted === actual,
      dataType: "METRICS/THRESHOLDED" as const,
    };
  });
}
