import type {
  EvaluatorConfiguration,
  InferenceTriple,
  MetricsRecord,
  Plot,
  TestCaseRef,
  TestSuiteRef,
} from "@assay/workflow";
import { Evaluator } from "@assay/workflow";
import { parseWith, sampleIdentity } from "@assay/workflow/wire";
import type { z } from "zod";

import { asSingleClass } from "../../detection/matches";
import type { InferenceMatches } from "../../geometry/match";
import { matchInferences } from "../../geometry/match";
import type { MulticlassInferenceMatches } from "../../geometry/match-multiclass";
import { matchInferencesMulticlass } from "../../geometry/match-multiclass";
import { mean } from "../../internal/numeric";
import type { AnyRecord } from "../fields";
import { testCaseKey } from "../fields";
import { multiclassCaseMetrics, singleClassCaseMetrics } from "./case-metrics";
import type { ResolvedDetectionConfiguration } from "./options";
import {
  DEFAULT_DETECTION_CONFIGURATION,
  ObjectDetectionConfiguration,
  ObjectDetectionOptions,
} from "./options";
import { multiclassPlots, singleClassPlots } from "./plots";
import type { DetectionBox, DetectionSample, ScoredDetectionBox } from "./read";
import { labelsOf, readDetectionSample } from "./read";
import {
  ignoredMulticlass,
  ignoredSingleClass,
  multiclassSampleMetrics,
  singleClassSampleMetrics,
} from "./sample-metrics";
import type { Thresholds } from "./thresholds";
import { f1OptimalMulticlass, f1OptimalSingle, fixedThresholds } from "./thresholds";
import type { MetricMeaning } from "@assay/workflow";
import { DetectionCaseMetrics, DetectionCaseMetricsSingleClass } from "./schemas";
import { metricMeanings } from "@assay/workflow";

type Triple = InferenceTriple<AnyRecord, AnyRecord, AnyRecord>;
type SingleMatches = InferenceMatches<DetectionBox, ScoredDetectionBox>;
type MultiMatches = MulticlassInferenceMatches<DetectionBox, ScoredDetectionBox>;

/** What one test case looks like under one configuration; recomputed cheaply when not cached. */
interface Evaluated {
  readonly samples: readonly DetectionSample[];
  readonly multiclass: boolean;
  /** One entry per non-ignored sample. */
  readonly single: SingleMatches[];
  readonly multi: MultiMatches[];
  readonly nIgnored: number;
}

/**
 * Object detection, Kolena's `ObjectDetectionEvaluator`: PASCAL VOC matching per sample, TP / FP / FN (and
 * confusions) at a confidence threshold, per-class rows with PASCAL AP, macro and micro averages, PR and F1
 * curves, a confusion matrix, and the suite's mean AP.
 *
 * F1-optimal thresholds are computed, as Kolena does, from the first test case evaluated under a configuration
 * (Kolena's rule: it must hold the whole sample set, which a suite's first test case usually does) and reused for
 * the suite's other test cases; `computeTestSuiteMetrics` forgets them, so the next run computes them afresh.
 */
export class ObjectDetectionEvaluator extends Evaluator<
  AnyRecord,
  AnyRecord,
  AnyRecord,
  EvaluatorConfiguration
> {
  readonly options: z.output<typeof ObjectDetectionOptions>;
  private readonly resolved = new Map<string, ResolvedDetectionConfiguration>();
  private readonly thresholdCache = new Map<string, Thresholds>();
  private readonly samplesByTestCase = new Map<string, Map<string, string[]>>();
  private readonly cache = new WeakMap<readonly Triple[], Map<string, Evaluated>>();

  constructor(
    configurations?: readonly EvaluatorConfiguration[],
    options: z.input<typeof ObjectDetectionOptions> = {},
  ) {
    const parsed = configurations?.map((configuration, i) =>
      parseWith(ObjectDetectionConfiguration, configuration, `configurations[${i}]`),
    );
    super(parsed);
    for (const configuration of parsed ?? [])
      this.resolved.set(configuration.displayName, configuration);
    this.options = parseWith(ObjectDetectionOptions, options, "options");
  }

  override displayName(): string {
    return "Object Detection";
  }

  override metricMeanings(): Record<string, MetricMeaning> {
    return {
      ...metricMeanings(DetectionCaseMetricsSingleClass),
      ...metricMeanings(DetectionCaseMetrics),
    };
  }

  private configurationOf(configuration?: EvaluatorConfiguration): ResolvedDetectionConfiguration {
    if (configuration === undefined) return DEFAULT_DETECTION_CONFIGURATION;
    return (
      this.resolved.get(configuration.displayName) ??
      parseWith(ObjectDetectionConfiguration, configuration, "configuration")
    );
  }

  private evaluate(
    inferences: readonly Triple[],
    config: ResolvedDetectionConfiguration,
  ): Evaluated {
    let byConfig = this.cache.get(inferences);
    const hit = byConfig?.get(config.displayName);
    if (hit) return hit;
    const forced = this.options.multiclass;
    const samples = inferences.map(([, gt, inf], i) =>
      readDetectionSample(gt, inf, this.options, i, forced === true),
    );
    const multiclass = forced === "auto" ? labelsOf(samples).size >= 2 : forced;
    if (multiclass && forced !== true) {
      // Labels are required once the test case is evaluated per class: check them now.
      inferences.forEach(([, gt, inf], i) => readDetectionSample(gt, inf, this.options, i, true));
    }
    const min = config.minConfidenceScore;
    const kept = (sample: DetectionSample) =>
      min !== 0 ? sample.inferences.filter((inf) => inf.score >= min) : sample.inferences;
    const matchOptions = (sample: DetectionSample) => ({
      ignoredGroundTruths: sample.ignoredGroundTruths,
      iouThreshold: config.iouThreshold,
      requiredMatchFields: this.options.requiredMatchFields,
    });
    const active = samples.filter((sample) => !sample.ignored);
    const evaluated: Evaluated = {
      samples,
      multiclass,
      single: multiclass
        ? []
        : active.map((s) => matchInferences(s.groundTruths, kept(s), matchOptions(s))),
      multi: multiclass
        ? active.map((s) => matchInferencesMulticlass(s.groundTruths, kept(s), matchOptions(s)))
        : [],
      nIgnored: samples.length - active.length,
    };
    if (!byConfig) this.cache.set(inferences, (byConfig = new Map<string, Evaluated>()));
    byConfig.set(config.displayName, evaluated);
    return evaluated;
  }

  private thresholdsFor(config: ResolvedDetectionConfiguration, evaluated: Evaluated): Thresholds {
    const strategy = config.thresholdStrategy;
    if (strategy !== "F1-Optimal") return fixedThresholds(strategy);
    const key = `${evaluated.multiclass ? "multi" : "single"}\u0000${config.displayName}`;
    let thresholds = this.thresholdCache.get(key);
    if (!thresholds) {
      thresholds = evaluated.multiclass
        ? f1OptimalMulticlass(evaluated.multi, config.minConfidenceScore)
        : f1OptimalSingle(evaluated.single, config.minConfidenceScore);
      this.thresholdCache.set(key, thresholds);
    }
    return thresholds;
  }

  computeTestSampleMetrics(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    configuration?: EvaluatorConfiguration,
  ): (readonly [AnyRecord, MetricsRecord])[] {
    const config = this.configurationOf(configuration);
    const evaluated = this.evaluate(inferences, config);
    const thresholds = this.thresholdsFor(config, evaluated);
    let next = 0;
    return inferences.map(([sample], i) => {
      const ignored = evaluated.samples[i]?.ignored === true;
      let metrics: MetricsRecord;
      if (evaluated.multiclass) {
        metrics = (
          ignored
            ? ignoredMulticlass()
            : multiclassSampleMetrics(evaluated.multi[next++] as MultiMatches, thresholds)
        ) as MetricsRecord;
      } else {
        const threshold = thresholds.of("");
        metrics = (
          ignored
            ? ignoredSingleClass(threshold)
            : singleClassSampleMetrics(evaluated.single[next++] as SingleMatches, threshold)
        ) as MetricsRecord;
      }
      return [sample, metrics] as const;
    });
  }

  computeTestCaseMetrics(
    testCase: TestCaseRef,
    inferences: readonly Triple[],
    _metrics: readonly MetricsRecord[],
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord {
    const config = this.configurationOf(configuration);
    const evaluated = this.evaluate(inferences, config);
    const thresholds = this.thresholdsFor(config, evaluated);
    let seen = this.samplesByTestCase.get(config.displayName);
    if (!seen) this.samplesByTestCase.set(config.displayName, (seen = new Map<string, string[]>()));
    seen.set(
      testCaseKey(testCase),
      inferences.map(([sample]) => sampleIdentity(sample)),
    );
    if (!evaluated.multiclass) {
      return singleClassCaseMetrics(evaluated.single, evaluated.nIgnored, thresholds.of(""));
    }
    return multiclassCaseMetrics(
      evaluated.multi,
      [...labelsOf(evaluated.samples)],
      evaluated.nIgnored,
      thresholds,
    );
  }

  override computeTestCasePlots(
    _testCase: TestCaseRef,
    inferences: readonly Triple[],
    _metrics: readonly MetricsRecord[],
    configuration?: EvaluatorConfiguration,
  ): Plot[] {
    const config = this.configurationOf(configuration);
    const evaluated = this.evaluate(inferences, config);
    if (!evaluated.multiclass) return singleClassPlots(evaluated.single.map(asSingleClass));
    return multiclassPlots(evaluated.multi, this.thresholdsFor(config, evaluated));
  }

  override computeTestSuiteMetrics(
    _testSuite: TestSuiteRef,
    metrics: readonly (readonly [TestCaseRef, MetricsRecord])[],
    configuration?: EvaluatorConfiguration,
  ): MetricsRecord {
    const config = this.configurationOf(configuration);
    const seen = this.samplesByTestCase.get(config.displayName);
    const unique = new Set<string>();
    for (const [testCase] of metrics) {
      for (const identity of seen?.get(testCaseKey(testCase)) ?? []) unique.add(identity);
    }
    const aps = metrics.map(([, m]) => {
      const value = typeof m.meanAP === "number" ? m.meanAP : m.AP;
      return typeof value === "number" ? value : 0;
    });
    const single = this.thresholdCache.get(`single\u0000${config.displayName}`)?.single;
    const fixed =
      typeof config.thresholdStrategy === "number" ? config.thresholdStrategy : undefined;
    const allSingle = metrics.length > 0 && metrics.every(([, m]) => m.perClass === undefined);
    const result: MetricsRecord = { nImages: unique.size, meanAP: mean(aps) };
    const threshold = single ?? fixed;
    if (allSingle && threshold !== undefined) result.threshold = threshold;
    // A run is over: F1-optimal thresholds and remembered samples belong to it only.
    for (const kind of ["single", "multi"])
      this.thresholdCache.delete(`${kind}\u0000${config.displayName}`);
    this.samplesByTestCase.delete(config.displayName);
    return result;
  }
}
