import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";

import { trpc } from "../lib/trpc";
import type { JsonValue } from "./lines";
import { decodeAs } from "../lib/ndjson";
import { withData } from "../lib/queries";
import { InferenceRow } from "./lines";

/** What a model inferred for a sample: its value, `null` when it has none, `undefined` while loading. */
export type InferenceOf = (sampleId: number, modelId: number) => JsonValue | null | undefined;

/** The chosen models' inferences of the loaded samples, one request per page of samples. */
export function useInferences(modelIds: number[], pageIds: number[][]): InferenceOf {
  const { data: results } = useQueries({
    queries: pageIds.map((sampleIds) => ({
      ...trpc.model.inferencesForSamples.queryOptions({ modelIds, sampleIds }),
      enabled: modelIds.length > 0 && sampleIds.length > 0,
    })),
    combine: withData,
  });
  return useMemo(() => {
    const values = new Map<string, JsonValue>();
    // Samples whose page has answered: a model absent from the answer has no inference for them.
    const answered = new Set<number>();
    results.forEach((data, i) => {
      if (!data) return;
      for (const id of pageIds[i] ?? []) answered.add(id);
      for (const row of decodeAs(InferenceRow, data.lines))
        values.set(`${row.sampleId}:${row.modelId}`, row.inference);
    });
    return (sampleId, modelId) =>
      values.get(`${sampleId}:${modelId}`) ?? (answered.has(sampleId) ? null : undefined);
  }, [results, pageIds]);
}
