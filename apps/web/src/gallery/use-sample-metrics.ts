import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";

import { trpc } from "../lib/trpc";
import type { JsonObject } from "./lines";
import { decodeAs, SampleMetricsRow } from "./lines";

/** Where one model's per-sample metrics are read: a run and one of its configurations. */
export interface Evaluation {
  modelId: number;
  testRunId: number;
  configuration: string;
}

/** The runs of the chosen models on suites holding this test case version (one server query). */
export function useCaseRuns(testCaseId: number, modelIds: number[]) {
  return useQuery({
    ...trpc.testCase.runs.queryOptions({ testCaseId, modelIds }),
    enabled: modelIds.length > 0,
  });
}

/** Each evaluation's per-sample metrics of the loaded samples: `metricsOf(modelId, sampleId)`. */
export function useSampleMetrics(
  testCaseId: number,
  evaluations: Evaluation[],
  pageIds: number[][],
): (modelId: number, sampleId: number) => JsonObject | undefined {
  const pairs = evaluations.flatMap((evaluation) =>
    pageIds.map((sampleIds) => ({ evaluation, sampleIds })),
  );
  const results = useQueries({
    queries: pairs.map(({ evaluation, sampleIds }) => ({
      ...trpc.testRun.sampleMetricsFor.queryOptions({
        testRunId: evaluation.testRunId,
        configuration: evaluation.configuration,
        testCaseId,
        sampleIds,
      }),
      enabled: sampleIds.length > 0,
    })),
    combine: (results) => results.map((r) => r.data),
  });
  const modelIds = pairs.map((p) => p.evaluation.modelId).join(",");
  return useMemo(() => {
    const models = modelIds.split(",").map(Number);
    const map = new Map<string, JsonObject>();
    results.forEach((data, i) => {
      for (const row of decodeAs(SampleMetricsRow, data?.lines ?? ""))
        map.set(`${models[i]}:${row.id}`, row.metrics);
    });
    return (modelId, sampleId) => map.get(`${modelId}:${sampleId}`);
  }, [results, modelIds]);
}
