import type { MetricMeaning } from "@assay/workflow";

import type { PairedSamples, Untested } from "./engine";
import type { SampleColumn } from "./recompute";
import { AGGREGATES } from "./recompute";

/** A model's per-sample fields over the compared samples (the same samples, in the same order, for both). */
export type Columns = (field: string) => SampleColumn | undefined;

const untested = (reason: string): Untested => ({ tested: false, reason });

/**
 * What the engine tests a metric on, from its declared meaning and both models' per-sample fields: the field a
 * proportion, mean or count is made of (`of`), or the fields an aggregate is recomputed from (`recompute`). A
 * metric whose meaning does not say how it is made says why it cannot be tested.
 */
export function pairedSamplesOf(
  meaning: MetricMeaning | undefined,
  a: Columns,
  b: Columns,
): PairedSamples | Untested {
  const kind = meaning?.kind;
  if (meaning === undefined || kind === undefined)
    return untested("its evaluator does not declare what the metric measures");
  if (kind === "aggregate") {
    const recompute = meaning.recompute;
    if (!recompute)
      return untested(
        "an aggregate is tested by recomputing it on resampled samples, and its evaluator does not say how",
      );
    const { roles, compute } = AGGREGATES[recompute.formula];
    const read = (columns: Columns) => {
      const out: Record<string, SampleColumn> = {};
      for (const role of roles) {
        const field = recompute.of[role];
        const column = field === undefined ? undefined : columns(field);
        if (column) out[role] = column;
      }
      return out;
    };
    const columns = [read(a), read(b)];
    const missing = roles.find((role) => !columns.every((c) => c[role]));
    if (missing !== undefined)
      return untested(
        `the runs did not store the per-sample ${quoted(recompute.of[missing] ?? missing)}`,
      );
    const n = Object.values(columns[0] as Record<string, SampleColumn>)[0]?.length ?? 0;
    return {
      kind,
      n,
      metric: (indices, model) => compute(columns[model] as Record<string, SampleColumn>, indices),
    };
  }
  if (meaning.of === undefined)
    return untested(`its evaluator does not name the per-sample value the ${kind} is made of`);
  const x = a(meaning.of);
  const y = b(meaning.of);
  if (!x || !y) return untested(`the runs did not store the per-sample ${quoted(meaning.of)}`);
  // Pairs where either model has no value are left out: the test is on what both have.
  if (kind === "proportion") {
    const rows = Int32Array.from({ length: x.length }, (_, i) => i);
    return pairedProportion(x, y, rows, rows, x.length);
  }
  let kept = 0;
  const pa = new Float64Array(x.length);
  const pb = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const u = x[i] as number;
    const v = y[i] as number;
    if (Number.isNaN(u) || Number.isNaN(v)) continue;
    pa[kept] = u;
    pb[kept++] = v;
  }
  if (kind === "mean") return { kind, a: pa.subarray(0, kept), b: pb.subarray(0, kept) };
  return {
    kind,
    n: kept,
    metric: (indices, model) => {
      const column = model === 0 ? pa : pb;
      let total = 0;
      for (const i of indices) total += column[i] as number;
      return total;
    },
  };
}

/**
 * A proportion's McNemar counts straight from two models' columns and the rows of their paired samples (`n`
 * pairs: `rowsA[i]` of `a` with `rowsB[i]` of `b`), without copying the columns: what a matrix of a hundred
 * thousand cells needs, and what `pairedSamplesOf` gives for aligned columns.
 */
export function pairedProportion(
  a: SampleColumn,
  b: SampleColumn,
  rowsA: Int32Array,
  rowsB: Int32Array,
  pairs: number,
): PairedSamples {
  let n = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < pairs; i++) {
    const u = a[rowsA[i] as number] as number;
    const v = b[rowsB[i] as number] as number;
    if (Number.isNaN(u) || Number.isNaN(v)) continue;
    n++;
    if (u > 0 && !(v > 0)) onlyA++;
    else if (v > 0 && !(u > 0)) onlyB++;
  }
  return { kind: "proportion", n, b: onlyA, c: onlyB };
}

const quoted = (field: string) => `"${field}"`;
