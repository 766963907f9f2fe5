import type { TestCaseRecord } from "@assay/workflow/wire";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { z } from "zod";

import type { NumberFormat } from "../lib/format";
import { columnFormat } from "../lib/format";
import { decodeAs, json } from "../lib/ndjson";
import { withData } from "../lib/queries";
import { trpc } from "../lib/trpc";
import type { Comparison, Metrics } from "./matrix";

const EMPTY_FORMAT = columnFormat([]);

/** One (model, metric) column of a `result.matrix` answer, following its test cases. */
const MatrixColumn = z.object({ metric: z.string(), modelId: z.int(), values: z.array(json) });

/** Test cases per request: a screenful and more, so scrolling rarely waits. */
export const CHUNK = 50;

export interface CellsQuery {
  testSuiteId: number;
  modelIds: number[];
  referenceId: number | undefined;
  evaluator: string;
  configuration: string;
  metrics: string[];
  enabled: boolean;
}

export interface Cells {
  /** Whether the row's cells have arrived. */
  loaded: (testCaseId: number) => boolean;
  cell: (modelId: number, testCaseId: number) => Metrics | undefined;
  /** The significance tests of the row: "pending" while they run, undefined when there are none. */
  comparison: (testCaseId: number) => Comparison | "pending" | undefined;
  /** One format per metric, for every model's column: from the values loaded so far. */
  format: (metric: string) => NumberFormat;
  /** Some rows on screen still wait for their tests. */
  comparing: boolean;
  error: unknown;
  retry: () => void;
}

/**
 * The results matrix's cells, fetched for the rows on screen only (in chunks of test cases), then their
 * significance tests: a hundred models × thousands of test cases costs what one screen costs. Chunks stay in
 * the query cache, so scrolling back is instant.
 */
export function useCells(
  query: CellsQuery,
  testCases: TestCaseRecord[],
  visible: { first: number; last: number },
): Cells {
  const chunks: TestCaseRecord[][] = [];
  for (let k = Math.floor(visible.first / CHUNK); k <= Math.floor(visible.last / CHUNK); k++) {
    const chunk = testCases.slice(k * CHUNK, (k + 1) * CHUNK);
    if (chunk.length > 0) chunks.push(chunk);
  }
  const { testSuiteId, modelIds, evaluator, configuration, metrics } = query;
  const matrices = useQueries({
    queries: chunks.map((chunk) => ({
      ...trpc.result.matrix.queryOptions({
        testSuiteId,
        modelIds,
        evaluator,
        configuration,
        metrics,
        testCaseIds: chunk.map((tc) => tc.id),
      }),
      enabled: query.enabled && modelIds.length > 0,
    })),
    combine: withData,
  });
  const judged = query.referenceId !== undefined && modelIds.length > 1;
  const compares = useQueries({
    queries: chunks.map((chunk) => ({
      ...trpc.result.compare.queryOptions({
        testSuiteId,
        modelIds,
        referenceModelId: query.referenceId ?? 0,
        evaluator,
        configuration,
        // The metrics on screen: Benjamini–Hochberg spans their cells (as `assay compare --metric …` does).
        metrics,
        testCaseIds: chunk.map((tc) => tc.id),
      }),
      // Asked with the values: the server tests the matrix in a thread of its own, so the values are not held
      // back, and the verdicts come as soon as they are ready.
      enabled: judged && query.enabled,
    })),
    combine: withData,
  });

  const matrixData = matrices.data;
  const cells = useMemo(() => {
    const map = new Map<string, Metrics>();
    const rows = new Set<number>();
    const values = new Map<string, number[]>();
    for (const data of matrixData) {
      if (!data) continue;
      // A column per (model, metric), its values following the answer's test cases.
      for (const column of decodeAs(MatrixColumn, data.columns)) {
        const numbers = values.get(column.metric) ?? [];
        values.set(column.metric, numbers);
        column.values.forEach((value, i) => {
          if (value === null) return;
          if (typeof value === "number") numbers.push(value);
          const key = `${column.modelId}:${data.testCaseIds[i]}`;
          const cell = map.get(key) ?? {};
          cell[column.metric] = value;
          map.set(key, cell);
        });
      }
    }
    for (const data of matrixData) for (const id of data?.testCaseIds ?? []) rows.add(id);
    // Decided once per answer, not per cell: a column's format is one pass over its loaded values.
    const formats = new Map([...values].map(([metric, list]) => [metric, columnFormat(list)]));
    return { map, rows, formats };
  }, [matrixData]);
  const compareData = compares.data;
  const comparisons = useMemo(() => {
    const map = new Map<number, Comparison>();
    for (const data of compareData) {
      for (const tc of data?.testCases ?? []) {
        const paired = tc.cells.flatMap((c) => (c.tested ? [c.n] : []));
        map.set(tc.testCaseId, {
          cells: new Map(tc.cells.map((c) => [`${c.modelId}:${c.metric}`, c])),
          pairedSamples: paired.length > 0 ? Math.min(...paired) : undefined,
        });
      }
    }
    return map;
  }, [compareData]);
  const pendingRows = new Set<number>();
  compares.results.forEach((c, i) => {
    if (judged && c.isPending && !c.isError)
      for (const tc of chunks[i] ?? []) pendingRows.add(tc.id);
  });
  const failed = matrices.results.find((m) => m.isError);
  return {
    loaded: (testCaseId) => cells.rows.has(testCaseId),
    cell: (modelId, testCaseId) => cells.map.get(`${modelId}:${testCaseId}`),
    format: (metric) => cells.formats.get(metric) ?? EMPTY_FORMAT,
    comparison: (testCaseId) =>
      pendingRows.has(testCaseId) ? "pending" : comparisons.get(testCaseId),
    comparing: pendingRows.size > 0,
    error: failed?.error ?? compares.results.find((c) => c.isError)?.error,
    retry: () => {
      for (const q of [...matrices.results, ...compares.results]) if (q.isError) void q.refetch();
    },
  };
}
