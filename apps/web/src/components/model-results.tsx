import type { RouterOutputs } from "@assay/api";
import { Line, LineChart, YAxis } from "recharts";
import { Link } from "wouter";

import { modelColor } from "../lib/colors";
import { formatDate, formatNumber } from "../lib/format";
import { resultsHref } from "../lib/results-link";
import { withQuery } from "../lib/url-state";
import { Empty } from "./states";

type Summary = RouterOutputs["model"]["summary"];
type SuiteResults = Summary["suites"][number];
type Metric = SuiteResults["metrics"][number];

/**
 * A model's latest results per test suite, as a Kolena model page shows them: the suite's headline metrics (by
 * their declared display names, on its largest test case) and, per metric, a sparkline of its value on each suite
 * version the model was tested on, so a regression from one version of the suite to the next shows at a glance.
 */
export function ModelResults({ modelId, summary }: { modelId: number; summary: Summary }) {
  if (summary.suites.length === 0)
    return <Empty>Not tested yet: run test() or `assay test` with this model.</Empty>;
  return (
    <div className="result-cards">
      {summary.suites.map((suite) => (
        <SuiteCard key={suite.testSuiteId} modelId={modelId} suite={suite} />
      ))}
    </div>
  );
}

function SuiteCard({ modelId, suite }: { modelId: number; suite: SuiteResults }) {
  const title = `${suite.testSuite} v${suite.suiteVersion}`;
  return (
    <article className="result-card" aria-labelledby={`suite-${suite.testSuiteId}`}>
      <h3 id={`suite-${suite.testSuiteId}`}>
        <Link href={withQuery(`/suites/${suite.testSuiteId}`, { version: suite.suiteVersion })}>
          {title}
        </Link>
      </h3>
      <p className="muted">
        {[
          suite.evaluator,
          suite.configuration,
          suite.testCase && `on ${suite.testCase.name}`,
          formatDate(suite.updatedAt),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {suite.metrics.length === 0 ? (
        <p className="muted">No metric with a declared direction to show.</p>
      ) : (
        <table className="table metrics">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Latest
              </th>
              <th scope="col">By suite version</th>
            </tr>
          </thead>
          <tbody>
            {suite.metrics.map((metric) => (
              <tr key={metric.metric}>
                <th scope="row">{metric.displayName}</th>
                <td className="num">{metric.value === null ? "–" : formatNumber(metric.value)}</td>
                <td>
                  <Trend metric={metric} color={modelColor(modelId)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Link
        href={resultsHref({
          testSuiteVersionId: suite.testSuiteVersionId,
          modelIds: [modelId],
          evaluator: suite.evaluator,
          configuration: suite.configuration,
          metrics: suite.metrics.map((m) => m.metric),
        })}
      >
        Results on {title}
      </Link>
    </article>
  );
}

/** A sparkline of the metric across suite versions; its text alternative lists the values. */
function Trend({ metric, color }: { metric: Metric; color: string }) {
  const points = metric.trend.map((p) => ({ version: p.suiteVersion, value: p.value }));
  const text = metric.trend
    .map((p) => `v${p.suiteVersion} ${p.value === null ? "–" : formatNumber(p.value)}`)
    .join(", ");
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
