import { Plot as PlotSchema } from "@assay/workflow";
import { useQueries } from "@tanstack/react-query";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { z } from "zod";

import type { TestCaseRecord } from "@assay/workflow/wire";

import { Loading } from "../components/states";
import { modelColor } from "../lib/colors";
import { formatNumber } from "../lib/format";
import { trpc } from "../lib/trpc";
import { CurveChart } from "./curve-chart";
import type { SampleFields } from "./drill";
import { binDrill, confusionDrill, metricFilter } from "./drill";
import { Heatmap } from "./heatmap";
import type { HistogramSeries } from "./histogram";
import { OverlaidHistogram } from "./histogram";
import type { MatrixModel } from "./matrix";
import type { Target } from "./plot-links";
import { link, runOf } from "./plot-links";

/** Plots as the evaluator stored them, read through the workflow's own schema (the API keeps them as JSON). */
type Plot = z.output<typeof PlotSchema>;
type HistogramPlot = Extract<Plot, { dataType: "PLOT/HISTOGRAM" }>;

/**
 * The per-sample field each built-in histogram bins, and the field its rows split on: plots do not declare what
 * they are made of, so a bin can be linked to its samples only for these (other histograms are drawn unlinked).
 */
const HISTOGRAM_FIELDS: Record<
  string,
  { field: string; rows?: Record<string, [string, boolean]> }
> = {
  Residuals: { field: "residual" },
  "Confidence Distribution": {
    field: "score",
    rows: { correct: ["correct", true], incorrect: ["correct", false] },
  },
};

/** A test case's plots, one chart per plot title, every model's series in it. */
export function Plots({
  testCase,
  configuration,
  models,
  fields,
  suiteId,
}: {
  testCase: TestCaseRecord;
  configuration: string;
  models: MatrixModel[];
  fields: SampleFields;
  suiteId: number;
}) {
  const testCaseId = testCase.id;
  const results = useQueries({
    queries: models.map((model) =>
      trpc.testRun.results.queryOptions({ testRunId: model.testRunId, configuration, testCaseId }),
    ),
  });
  const target: Target = {
    testCaseId,
    suiteId,
    fields,
    configuration,
    sampleCount: testCase.sampleCount,
  };
  if (results.some((r) => r.isPending)) return <Loading what="Loading plots" />;
  const byTitle = new Map<string, { model: MatrixModel; color: string; plot: Plot }[]>();
  results.forEach((result, i) => {
    const model = models[i] as MatrixModel;
    // A plot the schema does not read (stored by an older or foreign client) is left out, not the whole panel.
    for (const stored of result.data?.testCases[0]?.plots ?? []) {
      const parsed = PlotSchema.safeParse(stored);
      if (!parsed.success) continue;
      const plot = parsed.data;
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
          <PlotChart series={series} target={target} />
        </figure>
      ))}
    </div>
  );
}

function PlotChart({
  series,
  target,
}: {
  series: { model: MatrixModel; color: string; plot: Plot }[];
  target: Target;
}) {
  const first = series[0]?.plot;
  if (!first) return null;
  if (first.dataType === "PLOT/CONFUSION_MATRIX") {
    return (
      <div className="matrices">
        {series.map(({ model, plot }) =>
          plot.dataType === "PLOT/CONFUSION_MATRIX" ? (
            <Heatmap
              key={model.id}
              title={model.name}
              plot={plot}
              drill={(actual, predicted, value) =>
                link(
                  target,
                  model,
                  confusionDrill({
                    actual,
                    predicted,
                    value,
                    fields: target.fields,
                    run: runOf(target, model),
                  }),
                )
              }
            />
          ) : null,
        )}
      </div>
    );
  }
  if (first.dataType === "PLOT/HISTOGRAM") {
    const histograms = series.flatMap(({ model, color, plot }) =>
      plot.dataType === "PLOT/HISTOGRAM" ? histogramSeries(model, color, plot, target) : [],
    );
    return (
      <OverlaidHistogram
        series={histograms}
        title={first.title}
        xLabel={first.xLabel}
        yLabel={first.yLabel}
      />
    );
  }
  if (first.dataType === "PLOT/CURVE") {
    const curves = series.flatMap(({ model, color, plot }) =>
      plot.dataType === "PLOT/CURVE" ? [{ model, color, plot }] : [],
    );
    return <CurveChart series={curves} target={target} />;
  }
  // Bar plots: one group per label, one bar per model.
  const rows = new Map<string, Record<string, number | string | null>>();
  const bars: { key: string; color: string; opacity: number }[] = [];
  for (const { model, color, plot } of series) {
    if (plot.dataType === "PLOT/BAR") {
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

/** A model's histogram rows (correct / incorrect, …), each bin linked to its samples where the field is known. */
function histogramSeries(
  model: MatrixModel,
  color: string,
  plot: HistogramPlot,
  target: Target,
): HistogramSeries[] {
  const frequencies = Array.isArray(plot.frequency[0])
    ? (plot.frequency as number[][])
    : [plot.frequency as number[]];
  const known = HISTOGRAM_FIELDS[plot.title];
  const field = known && target.fields[known.field] === "number" ? known.field : undefined;
  return frequencies.map((frequency, k) => {
    const row = plot.labels?.[k];
    const split = row === undefined ? undefined : known?.rows?.[row];
    const run = runOf(target, model);
    const drillable = field !== undefined && (row === undefined || split !== undefined);
    return {
      key: `${model.id}:${k}`,
      name: `${model.name}${row ? ` · ${row}` : ""}`,
      color,
      dashed: k > 0,
      buckets: plot.buckets,
      frequency,
      drill: drillable
        ? (i: number) =>
            link(
              target,
              model,
              binDrill({
                field,
                lo: plot.buckets[i] as number,
                hi: plot.buckets[i + 1] as number,
                last: i === frequency.length - 1,
                frequency: frequency[i] ?? 0,
                extra: split && metricFilter(run, split[0], "eq", split[1]),
                run,
              }),
            )
        : undefined,
    };
  });
}
