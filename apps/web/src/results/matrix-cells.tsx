import type { MetricMeaning } from "@assay/workflow";
import { Link } from "wouter";

import { modelColor } from "../lib/colors";
import type { NumberFormat } from "../lib/format";
import { formatMetric } from "../lib/format";
import type { Drill } from "./drill";
import type { MatrixModel } from "./matrix";
import type { Judgement } from "./significance";

/** Width of a (metric, model) column in pixels. */
export const CELL = 132;

/** How people call a metric: its declared display name, the raw key only when its evaluator declares none. */
export const metricLabel = (meanings: Record<string, MetricMeaning | null>, metric: string) =>
  meanings[metric]?.displayName ?? metric;

/**
 * A column's header: the metric's display name over the model's name with its colour (the same swatch as in
 * the plots and the gallery). Long names wrap onto a second line, and the title says both in full.
 */
export function ColumnHeader(props: {
  left: number;
  index: number;
  label: string;
  model: MatrixModel;
  reference: boolean;
}) {
  const { model } = props;
  return (
    <div
      className="num column"
      role="columnheader"
      aria-colindex={4 + props.index}
      title={`${props.label} of ${model.name}${props.reference ? " (reference)" : ""}`}
      style={{ left: props.left, width: CELL }}
    >
      <span className="metric-name">{props.label}</span>
      <span className={props.reference ? "model reference" : "model"}>
        <span className="swatch" style={{ background: modelColor(model.id) }} aria-hidden />{" "}
        {model.name}
      </span>
    </div>
  );
}

export function Cell(props: {
  left: number;
  index: number;
  model: MatrixModel;
  metric: string;
  /** Undefined while the row's cells are on their way. */
  value: unknown;
  format: NumberFormat;
  verdict: Judgement | null;
  /** Where the value's samples are: a gallery permalink and what it claims. */
  drill: { href: string; drill: Drill } | undefined;
}) {
  const { verdict, value, format, model } = props;
  const text =
    value === undefined
      ? "…"
      : typeof value === "number"
        ? format.value(value)
        : formatMetric(value);
  return (
    <div
      role="gridcell"
      aria-colindex={4 + props.index}
      data-testid="cell"
      data-model={model.name}
      data-metric={props.metric}
      data-significance={verdict?.direction}
      data-test={verdict?.testName}
      data-pending={value === undefined ? "" : undefined}
      className={`num cell${verdict?.significant ? ` significant ${verdict.direction}` : ""}`}
      style={{ left: props.left, width: CELL }}
      title={
        verdict
          ? `${format.delta(verdict.delta)} vs reference: ${verdict.significant ? "significant" : "not significant"} (${verdict.test})`
          : undefined
      }
    >
      {props.drill && typeof value === "number" ? (
        <Link
          href={props.drill.href}
          className="drill"
          title={`${props.drill.drill.claim}: open ${model.name}'s samples in the gallery`}
          data-claim={props.drill.drill.claim}
        >
          {text}
        </Link>
      ) : (
        text
      )}
      {verdict && verdict.delta !== 0 && (
        <span className="delta">{format.delta(verdict.delta)}</span>
      )}
    </div>
  );
}
