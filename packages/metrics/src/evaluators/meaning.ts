import type { MetricKind } from "@assay/workflow";
import { metric } from "@assay/workflow";
import { z } from "zod";

/**
 * The built-in evaluators' metric fields with their meaning declared (see `metric`): a count is an integer, the
 * other kinds any number. `higher` is better when larger, `lower` when smaller, `neutral` has no direction (a
 * sample size, a mean residual whose best value is 0).
 */
const numberOf = (kind: MetricKind) => (kind === "count" ? z.number().int() : z.number());

export const higher = (kind: MetricKind, displayName: string) =>
  metric(numberOf(kind), { kind, higherIsBetter: true, displayName });

export const lower = (kind: MetricKind, displayName: string) =>
  metric(numberOf(kind), { kind, higherIsBetter: false, displayName });

export const neutral = (kind: MetricKind, displayName: string) =>
  metric(numberOf(kind), { kind, displayName });
