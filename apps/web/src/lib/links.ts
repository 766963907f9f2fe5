import type { SampleFilter } from "../gallery/filters";
import { encodeFilter } from "../gallery/filters";
import { withQuery } from "./url-state";

/**
 * A permalink to the gallery of one test case version showing what a number is made of: the models whose
 * inferences are drawn, the filters that pick the samples, and the suite version it was reached from (for the
 * breadcrumb). Every drill-down (results cells, confusion-matrix cells, per-class rows, plot points) goes
 * through here, so the gallery reads one URL shape.
 */
export function galleryHref(target: {
  testCaseId: number;
  modelIds?: readonly number[];
  filters?: readonly SampleFilter[];
  suiteId?: number;
}): string {
  return withQuery(`/test-cases/${target.testCaseId}`, {
    suite: target.suiteId,
    model: target.modelIds,
    f: target.filters?.map(encodeFilter),
  });
}
