import { formatNumber } from "../lib/format";

/** What a trend is drawn from: a metric's value on each version of a suite. */
export interface TrendMetric {
  displayName: string;
  trend: { suiteVersion: number; value: number | null }[];
}

export function trendText(metric: TrendMetric): string {
  return metric.trend
    .map((p) => `v${p.suiteVersion} ${p.value === null ? "–" : formatNumber(p.value)}`)
    .join(", ");
}

/** The trend as text alone: what shows while the chart's code loads (and what the chart's label says). */
export function TrendText({ metric }: { metric: TrendMetric }) {
  return (
    <span className="trend">
      <span className="trend-text">{trendText(metric)}</span>
    </span>
  );
}
