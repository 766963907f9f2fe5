import { Line, LineChart, YAxis } from "recharts";

import { trendText } from "./trend-text";
import type { TrendMetric } from "./trend-text";

export type { TrendMetric };

/** A sparkline of the metric across suite versions; its text alternative lists the values. */
export function Trend({ metric, color }: { metric: TrendMetric; color: string }) {
  const points = metric.trend.map((p) => ({ version: p.suiteVersion, value: p.value }));
  const text = trendText(metric);
  return (
    <span
      className="trend"
      role="img"
      aria-label={`${metric.displayName} by suite version: ${text}`}
    >
      {points.length > 1 ? (
        <LineChart width={120} height={28} data={points} accessibilityLayer={false}>
          <YAxis hide domain={["auto", "auto"]} />
          <Line
            dataKey="value"
            stroke={color}
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      ) : null}
      <span className="trend-text" aria-hidden>
        {text}
      </span>
    </span>
  );
}
