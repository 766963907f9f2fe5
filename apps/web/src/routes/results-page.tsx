import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "wouter";

import { Empty, ErrorView, Loading } from "../components/states";
import { trpc } from "../lib/trpc";
import { useQueryState, withQuery } from "../lib/url-state";
import { modelColor } from "../lib/colors";
import type { MatrixModel } from "../results/matrix";
import { Matrix } from "../results/matrix";
import { metricLabel } from "../results/matrix-cells";
import { useCells } from "../results/use-cells";

/** Compare models on a test suite version: choices in the URL, a matrix of test cases × metrics per model. */
export function ResultsPage() {
  const query = useQueryState();
  const suiteId = query.getNumber("suite");
  if (suiteId === undefined) return <SuitePicker />;
  return <Results suiteId={suiteId} />;
}

function SuitePicker() {
  const suites = useQuery(trpc.testSuite.list.queryOptions({ limit: 200 }));
  return (
    <section>
      <h1>Results</h1>
      <p>Choose a test suite to compare models on.</p>
      {suites.isPending ? (
        <Loading what="Loading test suites" />
      ) : suites.isError ? (
        <ErrorView error={suites.error} />
      ) : suites.data.items.length === 0 ? (
        <Empty>No test suites yet.</Empty>
      ) : (
        <ul className="list">
          {suites.data.items.map((suite) => (
            <li key={suite.id}>
              <Link href={withQuery("/results", { suite: suite.id })}>
                {suite.name} <span className="muted">v{suite.version}</span>
              </Link>{" "}
              <span className="muted">{suite.workflow}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Results({ suiteId }: { suiteId: number }) {
  const query = useQueryState();
  const suite = useQuery(trpc.testSuite.get.queryOptions({ id: suiteId }));
  const versions = useQuery({
    ...trpc.testSuite.versions.queryOptions({ testSuiteId: suite.data?.testSuiteId ?? 0 }),
    enabled: suite.isSuccess,
  });
  const runs = useQuery(trpc.testRun.list.queryOptions({ testSuiteId: suiteId }));

  const evaluators = [...new Set((runs.data ?? []).map((run) => run.evaluator ?? ""))];
  const evaluator = query.get("evaluator") ?? evaluators[0] ?? "";
  const ofEvaluator = (runs.data ?? []).filter((run) => (run.evaluator ?? "") === evaluator);
  // No `models` in the URL: every model tested; `models=none`: none (an empty choice stays empty).
  const modelsParam = query.getAll("models").flatMap((value) => value.split(","));
  const wanted = modelsParam.filter((value) => value !== "none").map(Number);
  const chosenRuns =
    modelsParam.length > 0
      ? ofEvaluator.filter((run) => wanted.includes(run.modelId))
      : ofEvaluator;
  const unknown = wanted.filter((id) => !ofEvaluator.some((run) => run.modelId === id));
  const models: MatrixModel[] = chosenRuns.map((run) => ({
    id: run.modelId,
    name: run.modelName,
    testRunId: run.id,
  }));
  const modelIds = models.map((m) => m.id);
  const referenceId = modelIds.includes(query.getNumber("reference") ?? -1)
    ? (query.getNumber("reference") as number)
    : modelIds[0];
  const configurations = [
    ...new Set(
      chosenRuns.flatMap((run) =>
        run.configurations.length ? run.configurations.map((c) => c.displayName) : [""],
      ),
    ),
  ];
  const configuration = query.get("config") ?? configurations[0] ?? "";

  const names = useQuery({
    ...trpc.result.metricNames.queryOptions({
      testSuiteId: suiteId,
      modelIds,
      evaluator,
      configuration,
    }),
    enabled: modelIds.length > 0,
  });
  const available = (names.data ?? []).map((entry) => entry.name);
  // Opened details live in the URL (`open=12,15`); one Set per URL, as the matrix re-measures when it changes.
  const openParam = query.get("open") ?? "";
  const open = useMemo(
    () => new Set(openParam.split(",").filter(Boolean).map(Number)),
    [openParam],
  );
  const toggle = (testCaseId: number) => {
    const next = new Set(open);
    if (next.has(testCaseId)) next.delete(testCaseId);
    else next.add(testCaseId);
    query.set({ open: [...next].join(",") || null });
  };
  const chosenMetrics = query.getAll("metric").filter((m) => available.includes(m));
  const metrics =
    chosenMetrics.length > 0
      ? chosenMetrics
      : available.includes("accuracy")
        ? ["accuracy"]
        : available.slice(0, 2);
  const [visible, setVisible] = useState({ first: 0, last: 30 });
  const cells = useCells(
    {
      testSuiteId: suiteId,
      modelIds,
      referenceId,
      evaluator,
      configuration,
      metrics,
      enabled: names.isSuccess,
    },
    suite.data?.testCases ?? [],
    visible,
  );
  // What drill-downs need (per-sample fields, nested rows' meanings) is asked once the values on screen and their
  // verdicts are in: it is not needed to read them, and asked alongside it held up both (the server answers it on
  // the thread that sends the values, and its answer re-renders every cell on screen).
  const firstRow = suite.data?.testCases[visible.first]?.id;
  const described = useQuery({
    ...trpc.result.metricFields.queryOptions({
      testSuiteId: suiteId,
      modelIds,
      evaluator,
      configuration,
    }),
    enabled:
      modelIds.length > 0 && firstRow !== undefined && cells.loaded(firstRow) && !cells.comparing,
  });
  // Nested rows' meanings (`perClass.recall`) and lists' (`perClass`) come with the per-sample fields.
  const meanings = useMemo(
    () => ({
      ...described.data?.meanings,
      ...Object.fromEntries((names.data ?? []).map((entry) => [entry.name, entry.meaning])),
    }),
    [described.data, names.data],
  );

  if (suite.isPending || runs.isPending) return <Loading what="Loading results" />;
  if (suite.isError) return <ErrorView error={suite.error} />;
  if (runs.isError) return <ErrorView error={runs.error} />;
  const record = suite.data;
  return (
    <section className="results">
      <p className="crumbs">
        <Link href="/results">Results</Link> /
      </p>
      <h1>
        {record.name} <span className="muted">v{record.version}</span>
      </h1>
      <div className="toolbar choices">
        <label className="inline">
          Version
          <select
            value={record.id}
            onChange={(e) =>
              query.set({ suite: e.target.value, models: null, reference: null }, { push: true })
            }
          >
            {(versions.data ?? [record]).map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        {evaluators.length > 1 && (
          <label className="inline">
            Evaluator
            <select
              value={evaluator}
              onChange={(e) => query.set({ evaluator: e.target.value, config: null })}
            >
              {evaluators.map((name) => (
                <option key={name} value={name}>
                  {name || "(none)"}
                </option>
              ))}
            </select>
          </label>
        )}
        {configurations.length > 1 && (
          <label className="inline">
            Configuration
            <select value={configuration} onChange={(e) => query.set({ config: e.target.value })}>
              {configurations.map((name) => (
                <option key={name} value={name}>
                  {name || "(default)"}
                </option>
              ))}
            </select>
          </label>
        )}
        {models.length > 1 && (
          <label className="inline">
            Reference
            <select value={referenceId} onChange={(e) => query.set({ reference: e.target.value })}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {ofEvaluator.length === 0 ? (
        <Empty>No model has been tested on this version yet: run test() or `assay test`.</Empty>
      ) : (
        <>
          <fieldset className="toolbar pickers">
            <legend>Models</legend>
            {ofEvaluator.map((run) => (
              <label key={run.id} className="inline">
                <input
                  type="checkbox"
                  checked={modelIds.includes(run.modelId)}
                  onChange={(e) => {
                    const next = e.target.checked
                      ? [...modelIds, run.modelId]
                      : modelIds.filter((id) => id !== run.modelId);
                    query.set({ models: next.length ? next.join(",") : "none" });
                  }}
                />
                <span
                  className="swatch"
                  style={{ background: modelColor(run.modelId) }}
                  aria-hidden
                />
                {run.modelName}
              </label>
            ))}
          </fieldset>
          <fieldset className="toolbar pickers">
            <legend>Metrics</legend>
            {available.map((metric) => (
              <label key={metric} className="inline">
                <input
                  type="checkbox"
                  checked={metrics.includes(metric)}
                  onChange={(e) =>
                    query.set({
                      metric: e.target.checked
                        ? [...metrics, metric]
                        : metrics.filter((m) => m !== metric),
                    })
                  }
                />
                {metricLabel(meanings, metric)}
              </label>
            ))}
          </fieldset>
          <p className="muted note">
            Differences from the reference are tested on the samples every chosen model was tested
            on (the Common column), by what each metric is declared to measure: a proportion such as
            accuracy with McNemar&apos;s test where per-sample results exist (Benjamini–Hochberg
            across test cases), else the margin of error at 95%. Counts, means and aggregates are
            not tested here yet, and a metric without a declared direction is never coloured. Only
            significant differences are coloured; hover a cell for the test.
            {cells.comparing && " Testing differences…"}
          </p>
          {unknown.length > 0 ? (
            <Empty>
              No such model tested on this version: {unknown.map((id) => `#${id}`).join(", ")}.{" "}
              <Link href={withQuery("/results", { suite: suiteId })}>Show every model</Link>
            </Empty>
          ) : modelIds.length === 0 ? (
            <Empty>No model chosen: tick one or more models above to compare them.</Empty>
          ) : names.isError || cells.error ? (
            <ErrorView
              error={names.error ?? cells.error}
              retry={() => (names.isError ? void names.refetch() : cells.retry())}
            />
          ) : names.isPending ? (
            <Loading what="Loading metrics" />
          ) : (
            <Matrix
              testCases={record.testCases}
              models={models}
              referenceId={referenceId ?? -1}
              metrics={metrics}
              meanings={meanings}
              configuration={configuration}
              loaded={cells.loaded}
              cell={cells.cell}
              comparison={cells.comparison}
              comparing={cells.comparing}
              onVisibleRange={setVisible}
              scope={{ testSuiteId: suiteId, evaluator }}
              fields={described.data?.sampleFields}
              format={cells.format}
              open={open}
              onToggle={toggle}
            />
          )}
        </>
      )}
    </section>
  );
}
