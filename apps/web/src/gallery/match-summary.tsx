import type { TestCaseRecord } from "@assay/workflow/wire";

import { formatNumber } from "../lib/format";
import type { CaseRun } from "./evaluation";
import { runLabel, sumLabel } from "./evaluation";
import type { SampleFilter } from "./filters";
import { useMatchStats } from "./use-samples";

/**
 * What the filters pick, as the drill-down that led here claims it: "6 of 20 samples match", and for a filter on a
 * summed per-sample count, its total over them ("8 FN on 6 samples"), both counted by the server.
 */
export function MatchSummary({
  testCase,
  filters,
  runs,
  loaded,
  more,
}: {
  testCase: TestCaseRecord;
  filters: SampleFilter[];
  runs: CaseRun[];
  loaded: number | undefined;
  more: boolean;
}) {
  const stats = useMatchStats(testCase.id, filters);
  const total = formatNumber(testCase.sampleCount);
  if (filters.length === 0)
    return (
      <span className="muted">{`${total} ${testCase.sampleCount === 1 ? "sample" : "samples"}`}</span>
    );
  if (!stats.data)
    return (
      <span className="muted">
        {loaded === undefined
          ? ""
          : `${formatNumber(loaded)}${more ? "+" : ""} of ${total} samples match`}
      </span>
    );
  const { count, sum } = stats.data;
  const metric = filters.find((f) => f.target === "metrics");
  const run = runs.find((r) => r.testRunId === metric?.testRunId);
  return (
    <span data-testid="match-summary">
      <strong>{`${formatNumber(count)} of ${total} samples match`}</strong>
      {sum !== null && metric && (
        <>
          {" · "}
          <span data-testid="match-sum">
            {`${formatNumber(sum)} ${sumLabel(metric.path)} on ${formatNumber(count)} ${count === 1 ? "sample" : "samples"}`}
          </span>
          {run && (
            <span className="muted">{` (${runLabel(run, metric.configuration ?? "")})`}</span>
          )}
        </>
      )}
    </span>
  );
}
