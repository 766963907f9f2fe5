import { withQuery } from "./url-state";

/**
 * The results page showing where a headline number comes from: the suite version, the models, the evaluator and
 * configuration it was measured with, and the metric itself as the chosen column (the results page's own
 * parameters: `suite`, `models`, `evaluator`, `config`, `metric`).
 */
export function resultsHref(target: {
  testSuiteVersionId: number;
  modelIds: readonly number[];
  evaluator: string | null;
  configuration: string;
  metrics?: readonly string[];
}): string {
  return withQuery("/results", {
    suite: target.testSuiteVersionId,
    models: target.modelIds,
    evaluator: target.evaluator ?? undefined,
    config: target.configuration || undefined,
    metric: target.metrics,
  });
}
