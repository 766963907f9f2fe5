import { useQueries } from "@tanstack/react-query";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { Loading } from "../components/states";
import { formatNumber } from "../lib/format";
import { trpc } from "../lib/trpc";
import { modelColor } from "../lib/colors";
import type { MatrixModel } from "./matrix";

interface Curve {
  x: number[];
  y: number[];
  label?: string;
}
type Plot =
  | {
      dataType: "PLOT/CURVE";
      title: string;
      xLabel: string;
      yLabel: string;
      curves: Curve[];
      xConfig?: { type: string };
      yConfig?: { type: string };
    }
  | {
      dataType: "PLOT/HISTOGRAM";
      title: string;
      xLabel: string;
      yLabel: string;
      buckets: number[];
      frequency: number[] | number[][];
      labels?: string[];
    }
  | {
      dataType: "PLOT/BAR";
      title: string;
      xLabel: string;
      yLabel: string;
      labels: (string | number)[];
      values: (number | null)[];
    }
  | {
      dataType: "PLOT/CONFUSION_MATRIX";
      title: string;
      labels: string[];
      matrix: (number | null)[][];
      xLabel: string;
      yLabel: string;
    };

/** A test case's plots, one chart per plot title, every model's series in it. */
export function Plots({
  testCaseId,
  configuration,
  models,
}: {
  testCaseId: number;
  configuration: string;
  models: MatrixModel[];
}) {
  const results = useQueries({
    queries: models.map((model) =>
      trpc.testRun.results.queryOptions({ testRunId: model.testRunId, configuration, testCaseId }),
    ),
  });
  if (results.some((r) => r.isPending)) return <Loading what="Loading plots" />;
  const byTitle = new Map<string, { model: MatrixModel; color: string; plot: Plot }[]>();
  results.forEach((result, i) => {
    const model = models[i] as MatrixModel;
    for (const plot of (result.data?.testCases[0]?.plots ?? []) as unknown as Plot[]) {
      byTitle.set(plot.title, [
        ...(byTitle.get(plot.title) ?? []),
        { model, color: modelColor(model.id), plot },
      ]);
    }
  });
  if (byTitle.size === 0) return <p className="muted">No plots for this test case.</p>;
  return (
    <div className="plots">
      {[...byTitle.entries()].map(([title, series]) => (
        <figure key={title} className="plot" data-plot-type={series[0]?.plot.dataType}>
          <figcaption>{title}</figcaption>
          <PlotChart series={series} />
        </figure>
      ))}
    </div>
  );
}

function PlotChart({ series }: { series: { model: MatrixModel; color: string; plot: Plot }[] }) {
  const first = series[0]?.plot;
  if (!first) return null;
  if (first.dataType === "PLOT/CONFUSION_MATRIX") {
    return (
      <div className="matrices">
        {series.map(({ model, plot }) =>
          plot.dataType === "PLOT/CONFUSION_MATRIX" ? (
            <Heatmap key={model.id} title={model.name} plot={plot} />
          ) : null,
        )}
      </div>
    );
  }
  if (first.dataType === "PLOT/CURVE") {
    const lines = series.flatMap(({ model, color, plot }) =>
      plot.dataType === "PLOT/CURVE"
        ? plot.curves.map((curve, i) => ({
            name: `${model.name}${curve.label ? ` · ${curve.label}` : ""}`,
            color,
            dash: i === 0 ? undefined : `${4 + i * 2} 3`,
            data: curve.x.map((x, j) => ({ x, y: curve.y[j] })),
          }))
        : [],
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
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    );
  }
  // Histograms and bar plots: one group per bucket or label, one bar per model (and per histogram row).
  const rows = new Map<string, Record<string, number | string | null>>();
  // A model's histogram rows (correct / incorrect, …) share its colour, told apart by shade.
  const bars: { key: string; color: string; opacity: number }[] = [];
  for (const { model, color, plot } of series) {
    if (plot.dataType === "PLOT/HISTOGRAM") {
      const frequencies = Array.isArray(plot.frequency[0])
        ? (plot.frequency as number[][])
        : [plot.frequency as number[]];
      frequencies.forEach((frequency, k) => {
        const key = `${model.name}${plot.labels?.[k] ? ` · ${plot.labels[k]}` : ""}`;
        bars.push({ key, color, opacity: 1 - (0.55 * k) / Math.max(1, frequencies.length - 1) });
        frequency.forEach((value, i) => {
          const bucket = `${formatNumber(plot.buckets[i] as number)}–${formatNumber(plot.buckets[i + 1] as number)}`;
          rows.set(bucket, { ...(rows.get(bucket) ?? { bucket }), [key]: value });
        });
      });
    } else if (plot.dataType === "PLOT/BAR") {
      bars.push({ key: model.name, color, opacity: 1 });
      plot.labels.forEach((label, i) =>
        rows.set(String(label), {
          ...(rows.get(String(label)) ?? { bucket: String(label) }),
          [model.name]: plot.values[i] ?? null,
        }),
      );
    }
  }
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={[...rows.values()]} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="bucket"
          label={{ value: first.xLabel, position: "insideBottom", offset: -12 }}
        />
        <YAxis
          tickFormatter={formatNumber}
          label={{ value: first.yLabel, angle: -90, position: "insideLeft" }}
        />
        <Tooltip />
        <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 20 }} />
        {bars.map((bar) => (
          <Bar
            key={bar.key}
            dataKey={bar.key}
            fill={bar.color}
            fillOpacity={bar.opacity}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

function Heatmap({
  title,
  plot,
}: {
  title: string;
  plot: Extract<Plot, { dataType: "PLOT/CONFUSION_MATRIX" }>;
}) {
  const max = Math.max(1, ...plot.matrix.flat().map((v) => v ?? 0));
  return (
    <table className="heatmap" aria-label={`${plot.title}: ${title}`}>
      <caption>
        {title}{" "}
        <span className="muted">
          ({plot.yLabel} ↓, {plot.xLabel} →)
        </span>
      </caption>
      <thead>
        <tr>
          <th />
          {plot.labels.map((label) => (
            <th key={label}>{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {plot.matrix.map((row, i) => (
          <tr key={plot.labels[i]}>
            <th>{plot.labels[i]}</th>
            {row.map((value, j) => (
              <td
                key={j}
                style={{
                  background: `rgba(47, 111, 219, ${(value ?? 0) / max})`,
                  color: (value ?? 0) / max > 0.5 ? "white" : undefined,
                }}
              >
                {value === null ? "" : formatNumber(value)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
