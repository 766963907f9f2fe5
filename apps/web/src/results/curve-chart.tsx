import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DotItemDotProps } from "recharts";
import { Link } from "wouter";

import { formatNumber } from "../lib/format";
import { atMostDrill } from "./drill";
import type { MatrixModel } from "./matrix";
import type { Target } from "./plot-links";
import { link, runOf } from "./plot-links";

export interface CurvePlot {
  dataType: "PLOT/CURVE";
  title: string;
  xLabel: string;
  yLabel: string;
  curves: { x: number[]; y: number[]; label?: string }[];
  xConfig?: { type: string };
  yConfig?: { type: string };
}

/**
 * Built-in curves whose points are a well-defined set of samples: the share of samples whose per-sample field
 * is at most x. Plots do not declare what they are made of, so only these are linked. A threshold curve's point
 * (ROC, PR, F1 against the threshold) is a decision over every sample, not a set of them, and is not linked.
 */
const CUMULATIVE_FIELDS: Record<string, string> = {
  "Samples within Absolute Error": "absoluteError",
};

type Href = { href: string; drill: { claim: string } } | undefined;

/** Curves of every model on one chart; points of a cumulative curve link to the samples they count. */
export function CurveChart({
  series,
  target,
}: {
  series: { model: MatrixModel; color: string; plot: CurvePlot }[];
  target: Target;
}) {
  const first = series[0]?.plot;
  if (!first) return null;
  const field = CUMULATIVE_FIELDS[first.title];
  const linked = field !== undefined && target.fields[field] === "number";
  const lines = series.flatMap(({ model, color, plot }) =>
    plot.curves.map((curve, i) => {
      // Tied errors share an x: each such point claims the samples up to it, the largest share among them.
      const upTo = new Map<number, number>();
      curve.x.forEach((x, j) => upTo.set(x, Math.max(upTo.get(x) ?? 0, curve.y[j] ?? 0)));
      const name = `${model.name}${curve.label ? ` · ${curve.label}` : ""}`;
      return {
        name,
        color,
        dash: i === 0 ? undefined : `${4 + i * 2} 3`,
        data: curve.x.map((x, j) => ({ x, y: curve.y[j] })),
        href: (x: number): Href =>
          linked
            ? link(
                target,
                model,
                atMostDrill({
                  field,
                  value: x,
                  count: (upTo.get(x) ?? 0) * target.sampleCount,
                  run: runOf(target, model),
                }),
              )
            : undefined,
      };
    }),
  );
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="x"
          type="number"
          domain={["auto", "auto"]}
          scale={first.xConfig?.type === "log" ? "log" : "auto"}
          label={{ value: first.xLabel, position: "insideBottom", offset: -12 }}
          tickFormatter={formatNumber}
        />
        <YAxis
          type="number"
          scale={first.yConfig?.type === "log" ? "log" : "auto"}
          domain={["auto", "auto"]}
          label={{ value: first.yLabel, angle: -90, position: "insideLeft" }}
          tickFormatter={formatNumber}
        />
        <Tooltip
          formatter={(value) => formatNumber(Number(value))}
          labelFormatter={(x) => `${first.xLabel} ${formatNumber(Number(x))}`}
        />
        <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 20 }} />
        {lines.map((line) => (
          <Line
            key={line.name}
            data={line.data}
            dataKey="y"
            name={line.name}
            stroke={line.color}
            strokeDasharray={line.dash}
            dot={linked ? (props: DotItemDotProps) => <PointLink {...props} line={line} /> : false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** A curve's point as a link (an SVG anchor given its href and navigation by wouter's Link). */
function PointLink(
  props: DotItemDotProps & { line: { name: string; color: string; href: (x: number) => Href } },
) {
  const { cx, cy, line } = props;
  const x = (props.payload as { x?: unknown } | undefined)?.x;
  const target = typeof x === "number" ? line.href(x) : undefined;
  if (!target || cx === undefined || cy === undefined) return null;
  return (
    <Link href={target.href} asChild>
      <a
        className="point"
        data-claim={target.drill.claim}
        aria-label={`${line.name}: ${target.drill.claim}`}
      >
        <title>{`${line.name}: ${target.drill.claim}`}</title>
        <circle cx={cx} cy={cy} r={2.5} fill={line.color} />
      </a>
    </Link>
  );
}
