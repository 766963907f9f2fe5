import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";

import { trpc } from "../lib/trpc";
import type { Evaluation } from "./evaluation";
import type { JsonObject } from "./lines";
import { decodeAs } from "../lib/ndjson";
import { withData } from "../lib/queries";
import { SampleMetricsRow } from "./lines";

/** The runs of the chosen models on suites holding this test case version (one server query). */
export function useCaseRuns(testCaseId: number, modelIds: number[]) {
  return useQuery({
    ...trpc.testCase.runs.queryOptions({ testCaseId, modelIds }),
    enabled: modelIds.length > 0,
  });
}

/** Each evaluation's per-sample metrics of the loaded samples: `metricsOf(testRunId, sampleId)`. */
export function useSampleMetrics(
  testCaseId: number,
  evaluations: Evaluation[],
  pageIds: number[][],
): (testRunId: number, sampleId: number) => JsonObject | undefined {
  const pairs = evaluations.flatMap((evaluation) =>
    pageIds.map((sampleIds) => ({ evaluation, sampleIds })),
  );
  const { data: results } = useQueries({
    queries: pairs.map(({ evaluation, sampleIds }) => ({
      ...trpc.testRun.sampleMetricsFor.queryOptions({
        testRunId: evaluation.testRunId,
        configuration: evaluation.configuration,
        testCaseId,
        sampleIds,
      }),
      enabled: sampleIds.length > 0,
    })),
    combine: withData,
  });
  // One configuration per run is shown: the run id keys the metrics.
  const runIds = pairs.map((p) => p.evaluation.testRunId).join(",");
  return useMemo(() => {
    const runs = runIds.split(",").map(Number);
    const map = new Map<string, JsonObject>();
    results.forEach((data, i) => {
      for (const row of decodeAs(SampleMetricsRow, data?.lines ?? ""))
        map.set(`${runs[i]}:${row.id}`, row.metrics);
    });
    return (testRunId, sampleId) => map.get(`${testRunId}:${sampleId}`);
  }, [results, runIds]);
}
