import { Link } from "wouter";

import { columnFormat, formatNumber } from "../lib/format";
import type { Drill } from "./drill";

/** One distribution drawn: a model's (or one of its rows': correct / incorrect) frequencies over its bins. */
export interface HistogramSeries {
  key: string;
  name: string;
  color: string;
  /** Dashed outline for a model's second row, so rows of one colour are told apart. */
  dashed: boolean;
  buckets: number[];
  frequency: number[];
  /** The samples of bin i, when they can be picked (see `binDrill`). */
  drill?: (i: number) => { href: string; drill: Drill } | undefined;
}

const WIDTH = 420;
const HEIGHT = 220;
const M = { top: 8, right: 12, bottom: 40, left: 44 };

/**
 * Histograms overlaid on one numeric axis, in order (every model's bins where they fall, not side by side by
 * label as a bar chart would put them): translucent bars with their model's colour. Each bar is a link to its
 * samples in the gallery, reachable by keyboard, its title saying how many.
 */
export function OverlaidHistogram(props: {
  series: HistogramSeries[];
  xLabel: string;
  yLabel: string;
  title: string;
}) {
  const { series } = props;
  const lo = Math.min(...series.map((s) => s.buckets[0] ?? 0));
  const hi = Math.max(...series.map((s) => s.buckets.at(-1) ?? 0));
  const top = Math.max(1, ...series.flatMap((s) => s.frequency));
  const span = hi - lo || 1;
  const plotWidth = WIDTH - M.left - M.right;
  const plotHeight = HEIGHT - M.top - M.bottom;
  const x = (v: number) => M.left + ((v - lo) / span) * plotWidth;
  const y = (v: number) => M.top + plotHeight - (v / top) * plotHeight;
  const ticks = Array.from({ length: 6 }, (_, i) => lo + (i * span) / 5);
  const tickFormat = columnFormat(ticks);
  // Frequencies are counts: whole ticks only (a top of 3 gets 0, 2, 3 rather than 1.5 written as 2).
  const yTicks = [...new Set([0, Math.round(top / 2), top])];
  return (
    <div className="histogram">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        // A group, not an image: its bars are links (an image may not hold interactive content).
        role="group"
        aria-label={`${props.title}: ${props.xLabel} from ${tickFormat.value(lo)} to ${tickFormat.value(hi)}`}
      >
        <line x1={M.left} x2={WIDTH - M.right} y1={y(0)} y2={y(0)} className="axis" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={y(0)} className="axis" />
        {ticks.map((tick) => (
          <text key={tick} x={x(tick)} y={y(0) + 14} textAnchor="middle" className="tick">
            {tickFormat.value(tick)}
          </text>
        ))}
        {yTicks.map((tick) => (
          <text key={tick} x={M.left - 4} y={y(tick) + 4} textAnchor="end" className="tick">
            {formatNumber(tick)}
          </text>
        ))}
        <text x={M.left + plotWidth / 2} y={HEIGHT - 4} textAnchor="middle" className="axis-label">
          {props.xLabel}
        </text>
        {series.map((s) => (
          <g key={s.key} data-series={s.name}>
            {s.frequency.map((frequency, i) => {
              const from = s.buckets[i] as number;
              const to = s.buckets[i + 1] as number;
              const bar = (
                <rect
                  x={x(from)}
                  y={y(frequency)}
                  width={Math.max(0, x(to) - x(from))}
                  height={y(0) - y(frequency)}
                  fill={s.color}
                  fillOpacity={0.3}
                  stroke={s.color}
                  strokeDasharray={s.dashed ? "3 2" : undefined}
                />
              );
              const target = frequency > 0 ? s.drill?.(i) : undefined;
              if (!target) return <g key={i}>{bar}</g>;
              // wouter's Link lends its href (with the app's base) and navigation to an SVG anchor.
              return (
                <Link key={i} href={target.href} asChild>
                  <a
                    className="bin"
                    data-claim={target.drill.claim}
                    aria-label={`${s.name}: ${target.drill.claim}`}
                  >
                    <title>{`${s.name}: ${target.drill.claim}`}</title>
                    {bar}
                  </a>
                </Link>
              );
            })}
          </g>
        ))}
      </svg>
      <ul className="histogram-legend">
        {series.map((s) => (
          <li key={s.key}>
            <span
              className={s.dashed ? "swatch dashed" : "swatch"}
              style={{ background: s.color }}
              aria-hidden
            />{" "}
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
