import type { RouterOutputs } from "@assay/api";
import { lazy, Suspense } from "react";
import { Link } from "wouter";

import { modelColor } from "../lib/colors";
import { formatDate, formatNumber } from "../lib/format";
import { resultsHref } from "../lib/results-link";
import { withQuery } from "../lib/url-state";
import { Empty } from "./states";
import { TrendText } from "./trend-text";

// recharts is loaded with the first sparkline, not with every page: it would double the app's first download.
const Trend = lazy(() => import("./trend").then((module) => ({ default: module.Trend })));

type Summary = RouterOutputs["model"]["summary"];
type SuiteResults = Summary["suites"][number];

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
                  <Suspense fallback={<TrendText metric={metric} />}>
                    <Trend metric={metric} color={modelColor(modelId)} />
                  </Suspense>
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
