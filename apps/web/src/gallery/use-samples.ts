import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";

import { trpc } from "../lib/trpc";
import type { SampleFilter } from "./filters";
import type { SampleLine } from "./lines";
import { samplesOf } from "./lines";

/** Samples per page: a few screenfuls of tiles. */
const PAGE = 120;

/**
 * A test case version's samples matching the filters, page by page as the grid scrolls: the lines (decoded once per
 * page), and the pages' sample ids (what inferences and metrics are fetched for, page by page as well).
 */
export function useSamples(testCaseId: number, filters: SampleFilter[]) {
  const pages = useInfiniteQuery(
    trpc.testCase.samples.infiniteQueryOptions(
      { testCaseId, filters, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const data = pages.data;
  const { lines, pageIds } = useMemo(() => {
    const decoded = (data?.pages ?? []).map(samplesOf);
    return {
      lines: decoded.flat(),
      pageIds: decoded.map((page) => page.map((line) => line.id)),
    };
  }, [data]);
  return { pages, lines, pageIds };
}

/**
 * How many samples match, counted by the server (pages only know what has been loaded), and, for a filter on a
 * numeric per-sample metric, that metric's sum over them: "6 of 20 samples match · 8 FN".
 */
export function useMatchStats(testCaseId: number, filters: SampleFilter[]) {
  const metric = filters.find(
    (f) =>
      f.target === "metrics" &&
      f.testRunId !== undefined &&
      ["gt", "gte", "ne"].includes(f.op ?? "eq"),
  );
  return useQuery({
    ...trpc.testCase.sampleStats.queryOptions({
      testCaseId,
      filters,
      ...(metric?.testRunId !== undefined
        ? {
            sumOf: {
              testRunId: metric.testRunId,
              configuration: metric.configuration ?? "",
              path: metric.path,
            },
          }
        : {}),
    }),
    enabled: filters.length > 0,
  });
}

export type { SampleLine };
