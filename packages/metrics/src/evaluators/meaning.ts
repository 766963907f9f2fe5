import type { AggregateFormula, MetricKind, MetricMeaning } from "@assay/workflow";
import { metric } from "@assay/workflow";
import { z } from "zod";

/**
 * The built-in evaluators' metric fields with their meaning declared (see `metric`): a count is an integer, the
 * other kinds any number. `higher` is better when larger, `lower` when smaller, `neutral` has no direction (a
 * sample size, a mean residual whose best value is 0). `link` says what per-sample values the metric is made of,
 * which is what the comparison engine tests: `of(field)` or `recompute(formula, roles)`.
 */
type Link = Pick<MetricMeaning, "of" | "recompute">;

export const of = (field: string): Link => ({ of: field });
export const recompute = (formula: AggregateFormula, roles: Record<string, string>): Link => ({
  recompute: { formula, of: roles },
});

const numberOf = (kind: MetricKind) => (kind === "count" ? z.number().int() : z.number());

export const higher = (kind: MetricKind, displayName: string, link: Link = {}) =>
  metric(numberOf(kind), { kind, higherIsBetter: true, displayName, ...link });

export const lower = (kind: MetricKind, displayName: string, link: Link = {}) =>
  metric(numberOf(kind), { kind, higherIsBetter: false, displayName, ...link });

export const neutral = (kind: MetricKind, displayName: string, link: Link = {}) =>
  metric(numberOf(kind), { kind, displayName, ...link });

/**
 * A field that is not a measurement (a list of per-class rows, a row's setting such as its threshold) but is
 * shown: only its display name is declared, so the web UI never shows the raw key.
 */
export const named = <T extends z.ZodType>(schema: T, displayName: string) =>
  metric(schema, { displayName });
