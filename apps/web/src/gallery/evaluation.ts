import type { RouterOutputs } from "@assay/api";

import type { SampleFilter } from "./filters";

export type CaseRun = RouterOutputs["testCase"]["runs"][number];

/**
 * A run and configuration in words: model, suite version, evaluator and configuration, e.g.
 * "knn · digits v2 · classification" or "tiny · faces v1 · object-detection: IoU 0.5" (a model's runs on one
 * suite differ by evaluator, its metrics by configuration).
 */
export function runLabel(run: CaseRun, configuration: string): string {
  const how = [run.evaluator, configuration].filter(Boolean).join(": ");
  return `${run.modelName} · ${run.suiteName} v${run.suiteVersion}${how ? ` · ${how}` : ""}`;
}

/** Where one evaluation of a model is read: a run and one of its configurations. */
export interface Evaluation {
  modelId: number;
  testRunId: number;
  configuration: string;
  run: CaseRun;
}

/**
 * The evaluations that explain each chosen model's mistakes: its runs (one per evaluator, so a detection's boxes
 * and a classification's verdict both show) on one suite version: the one a metric filter's run tested (the
 * drill-down came from it), else the one the page was reached from, else the model's first. Each run's
 * configuration: the one chosen in the URL when the run has it, else the filter's, else the run's first.
 */
export function chooseEvaluations(
  runs: readonly CaseRun[],
  modelIds: readonly number[],
  context: {
    suiteId: number | undefined;
    configuration: string | undefined;
    filters: readonly SampleFilter[];
  },
): Evaluation[] {
  return modelIds.flatMap((modelId) => {
    const own = runs.filter((run) => run.modelId === modelId);
    const filtered = own.find((run) =>
      context.filters.some((f) => f.target === "metrics" && f.testRunId === run.testRunId),
    );
    const suiteId =
      filtered?.testSuiteId ??
      own.find((r) => r.testSuiteId === context.suiteId)?.testSuiteId ??
      own[0]?.testSuiteId;
    return own
      .filter((run) => run.testSuiteId === suiteId)
      .map((run) => {
        const filter = context.filters.find(
          (f) => f.target === "metrics" && f.testRunId === run.testRunId,
        );
        const configuration = [
          context.configuration,
          filter?.configuration,
          run.configurations[0],
        ].find((c): c is string => c !== undefined && run.configurations.includes(c));
        return { modelId, testRunId: run.testRunId, configuration: configuration ?? "", run };
      });
  });
}

/** "FN" for `countFN`: how a summed per-sample count reads next to its total. */
export function sumLabel(path: string): string {
  const count = /^count([A-Z].*)$/.exec(path);
  return count?.[1] ?? path;
}
