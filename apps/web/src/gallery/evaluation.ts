import type { RouterOutputs } from "@assay/api";

import type { SampleFilter } from "./filters";
import type { Evaluation } from "./use-sample-metrics";

export type CaseRun = RouterOutputs["testCase"]["runs"][number];

/** A run and configuration as the metric filter offers it: model, suite version and configuration named. */
export function runLabel(run: CaseRun, configuration: string): string {
  return `${run.modelName} · ${run.suiteName} v${run.suiteVersion} · ${configuration || "no configuration"}`;
}

/**
 * Which run and configuration explain each chosen model's mistakes: the one a metric filter names (the drill-down
 * came from it), else the run on the suite version the page was reached from, else the model's first; the
 * configuration chosen in the URL when the run has it, else the filter's, else the run's first.
 */
export function chooseEvaluations(
  runs: readonly CaseRun[],
  modelIds: readonly number[],
  context: {
    suiteId: number | undefined;
    configuration: string | undefined;
    filters: readonly SampleFilter[];
  },
): (Evaluation & { run: CaseRun })[] {
  return modelIds.flatMap((modelId) => {
    const own = runs.filter((run) => run.modelId === modelId);
    const filter = context.filters.find(
      (f) => f.target === "metrics" && own.some((run) => run.testRunId === f.testRunId),
    );
    const run =
      own.find((r) => r.testRunId === filter?.testRunId) ??
      own.find((r) => r.testSuiteId === context.suiteId) ??
      own[0];
    if (!run) return [];
    const configuration = [
      context.configuration,
      filter?.configuration,
      run.configurations[0],
    ].find((c): c is string => c !== undefined && run.configurations.includes(c));
    return [{ modelId, testRunId: run.testRunId, configuration: configuration ?? "", run }];
  });
}

/** "FN" for `countFN`: how a summed per-sample count reads next to its total. */
export function sumLabel(path: string): string {
  const count = /^count([A-Z].*)$/.exec(path);
  return count?.[1] ?? path;
}
