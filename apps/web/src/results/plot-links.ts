import { galleryHref } from "../lib/links";
import type { Drill, RunRef, SampleFields } from "./drill";
import type { MatrixModel } from "./matrix";

/** Where a plot's drill-downs go: the test case, its suite version, and the runs' per-sample fields. */
export interface Target {
  testCaseId: number;
  suiteId: number;
  fields: SampleFields;
  configuration: string;
  /** The test case's samples: what a share on a plot is a share of. */
  sampleCount: number;
}

/**
 * A drill-down's gallery permalink, showing only `model`'s inferences: the one shape every results link (cells,
 * nested rows, plots) takes.
 */
export const link = (
  target: Pick<Target, "testCaseId" | "suiteId">,
  model: Pick<MatrixModel, "id">,
  drill: Drill | undefined,
) =>
  drill && {
    drill,
    href: galleryHref({
      testCaseId: target.testCaseId,
      modelIds: [model.id],
      filters: drill.filters,
      suiteId: target.suiteId,
    }),
  };

export const runOf = (target: Target, model: MatrixModel): RunRef => ({
  testRunId: model.testRunId,
  configuration: target.configuration,
});
