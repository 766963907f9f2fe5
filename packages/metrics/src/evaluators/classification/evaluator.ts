import type {
  EvaluatorConfiguration,
  MetricsRecord,
  Plot,
  TestCaseRef,
  TestSuiteRef,
} from "@assay/workflow";
import { parseWith } from "@assay/workflow/wire";
import type { z } from "zod";

import { mean } from "../../internal/numeric";
import type { ColumnReader } from "../columnar";
import { ColumnarEvaluator } from "../columnar";
import type { CaseAnalysis } from "./case-metrics";
import { analyse, caseMetrics } from "./case-metrics";
import type { Columns } from "./columns";
import { columnReader } from "./columns";
import type { Decisions } from "./decisions";
import { binaryScoreWarning, decide } from "./decisions";
import { ClassificationConfiguration, ClassificationOptions } from "./options";
import { classificationPlots } from "./plots";
import type { MetricMeaning } from "@assay/workflow";
import { ClassificationCaseMetrics } from "./schemas";
import { metricMeanings } from "@assay/workflow";

/** What a test case's columns lead to, per threshold: computed once, on first use. */
interface Derived {
  readonly decisions: Map<string, Decisions>;
  readonly analyses: Map<string, CaseAnalysis>;
}

/**
 * Binary and multiclass classification: per-sample correctness (and TP/FP/FN/TN when binary), per-test-case
 * accuracy, macro / micro / weighted precision, recall and F1 with a row per class, ROC AUC, average precision and
 * top-k accuracy when scores exist; confusion matrix, ROC, PR, F1-vs-threshold, confidence and per-class F1 plots;
 * suite averages. Agrees with scikit-learn (see the fixture tests).
 *
 * Built for large test cases: a test case is read once into typed arrays (a chunk at a time on the server),
 * curves come from one sort per class, and nothing is parsed with zod per sample.
 */
export class ClassificationEvaluator extends ColumnarEvaluator<Columns> {
  readonly options: z.output<typeof ClassificationOptions>;
  private readonly thresholds = new Map<string, number | undefined>();
  private readonly derived = new WeakMap<Columns, Derived>();
  private readonly noticed = new Set<string>();

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

  override metricMeanings(): Record<string, MetricMeaning> {
    return metricMeanings(ClassificationCaseMetrics);
  }

  override warnings(): readonly string[] {
    return [...this.noticed];
  }

  private thresholdOf(configuration?: EvaluatorConfiguration): number | undefined {
    if (configuration === undefined) return undefined;
    if (this.thresholds.has(configuration.displayName)) {
      return this.thresholds.get(configuration.displayName);
    }
    return parseWith(ClassificationConfiguration, configuration, "configuration").threshold;
  }

  protected reader(): ColumnReader<Columns> {
    return columnReader(this.options);
  }

  private derivedOf(columns: Columns): Derived {
    let derived = this.derived.get(columns);
    if (!derived) {
      derived = { decisions: new Map(), analyses: new Map() };
      this.derived.set(columns, derived);
    }
    return derived;
  }

  private decisionsOf(columns: Columns, configuration?: EvaluatorConfiguration) {
    const derived = this.derivedOf(columns);
    const threshold = this.thresholdOf(configuration);
    const key = String(threshold);
    let decisions = derived.decisions.get(key);
    if (!decisions) {
      const { positiveLabel, binaryScore } = this.options;
      decisions = decide(columns, threshold, positiveLabel, binaryScore);
      derived.decisions.set(key, decisions);
      if (decisions.positive !== undefined) {
        const warning = binaryScoreWarning(columns, decisions.positive, binaryScore);
        if (warning) this.noticed.add(warning);
      }
    }
    return { decisions, key, derived };
  }

  /** Confusion, per-class curves and top-k: computed once per test case and configuration, on first use. */
  private analysisOf(columns: Columns, configuration?: EvaluatorConfiguration) {
    const { decisions, key, derived } = this.decisionsOf(columns, configuration);
    let analysis = derived.analyses.get(key);
    if (!analysis) {
      analysis = analyse(columns, decisions, this.options.topK);
      derived.analyses.set(key, analysis);
    }
    return { decisions, analysis };
  }

  protected sampleMetrics(
    columns: Columns,
    start: number,
    end: number,
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord[] {
    const { decisions } = this.decisionsOf(columns, configuration);
    const { labels, actual } = columns;
    const { predicted, score, positive, positiveScore } = decisions;
    const sweep = this.options.thresholds;
    const out = new Array<MetricsRecord>(end - start);
    for (let i = start; i < end; i++) {
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
          // No prediction is never a true negative (it is a false negative of a positive sample).
          isTN: p >= 0 && !isPositive && !isActual,
        };
      }
      if (sweep) metrics.thresholded = thresholdedRows(sweep, columns, decisions, positiveScore, i);
      out[i - start] = metrics;
    }
    return out;
  }

  protected caseMetrics(columns: Columns, configuration?: EvaluatorConfiguration): MetricsRecord {
    const { decisions, analysis } = this.analysisOf(columns, configuration);
    return caseMetrics(analysis, decisions);
  }

  protected override casePlots(columns: Columns, configuration?: EvaluatorConfiguration): Plot[] {
    const { decisions, analysis } = this.analysisOf(columns, configuration);
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
