import type { JsonValue } from "@assay/workflow";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { decodeLines, nestedRowKey } from "@assay/workflow/wire";
import { useQuery } from "@tanstack/react-query";
import { Fragment, lazy, Suspense, useMemo } from "react";

import { ErrorView, Loading } from "../components/states";
import { formatMetric } from "../lib/format";
import { trpc } from "../lib/trpc";
import type { MatrixModel, Metrics } from "./matrix";

// Charts (recharts) load when a test case is first opened, not with the page.
const Plots = lazy(() => import("./plots").then((module) => ({ default: module.Plots })));

interface DetailsProps {
  testCase: TestCaseRecord;
  models: MatrixModel[];
  configuration: string;
  scope: { testSuiteId: number; evaluator: string };
}

/** A test case opened: its nested rows (per class, …) for every model, and its plots. */
export function Details({ testCase, models, configuration, scope }: DetailsProps) {
  // The matrix holds only the metrics on show; an opened row fetches its cells whole.
  const full = useQuery(
    trpc.result.cells.queryOptions({
      testSuiteId: scope.testSuiteId,
      evaluator: scope.evaluator,
      configuration,
      modelIds: models.map((m) => m.id),
      testCaseIds: [testCase.id],
    }),
  );
  const cells = useMemo(() => {
    const lines = decodeLines(full.data?.lines ?? "") as unknown as {
      modelId: number;
      metrics: Metrics;
    }[];
    return new Map(lines.map((line) => [line.modelId, line.metrics]));
  }, [full.data]);
  const nestedFields = new Set<string>();
  for (const metrics of cells.values()) {
    for (const [key, value] of Object.entries(metrics)) {
      if (Array.isArray(value) && value.some((row) => typeof row === "object" && row !== null))
        nestedFields.add(key);
    }
  }
  return (
    <div className="details">
      {full.isPending ? (
        <Loading what="Loading metrics" />
      ) : full.isError ? (
        <ErrorView error={full.error} retry={() => void full.refetch()} />
      ) : (
        [...nestedFields].map((field) => (
          <NestedTable
            key={field}
            field={field}
            models={models}
            cell={(modelId) => cells.get(modelId)}
          />
        ))
      )}
      <Suspense fallback={<Loading what="Loading plots" />}>
        <Plots testCaseId={testCase.id} configuration={configuration} models={models} />
      </Suspense>
    </div>
  );
}

function NestedTable({
  field,
  models,
  cell,
}: {
  field: string;
  models: MatrixModel[];
  cell: (modelId: number) => Metrics | undefined;
}) {
  const rows = new Map<
    string,
    { key: Record<string, string>; byModel: Map<number, Record<string, JsonValue>> }
  >();
  const columns = new Set<string>();
  for (const model of models) {
    const list = cell(model.id)?.[field];
    if (!Array.isArray(list)) continue;
    for (const row of list) {
      if (typeof row !== "object" || row === null || Array.isArray(row)) continue;
      const key = nestedRowKey(row);
      const id = JSON.stringify(key);
      const entry = rows.get(id) ?? { key, byModel: new Map() };
      entry.byModel.set(model.id, row);
      rows.set(id, entry);
      for (const [name, value] of Object.entries(row))
        if (typeof value !== "string") columns.add(name);
    }
  }
  const keyNames = [...new Set([...rows.values()].flatMap((row) => Object.keys(row.key)))];
  return (
    <table className="table nested" aria-label={field}>
      <caption>{field}</caption>
      <thead>
        <tr>
          {keyNames.map((name) => (
            <th key={name}>{name}</th>
          ))}
          {[...columns].map((column) => (
            <th key={column} colSpan={models.length} className="num">
              {column}
            </th>
          ))}
        </tr>
        <tr>
          {keyNames.map((name) => (
            <th key={name} />
          ))}
          {[...columns].map((column) =>
            models.map((model) => (
              <th key={`${column}:${model.id}`} className="num model">
                {model.name}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        {[...rows.entries()].map(([id, row]) => (
          <tr key={id}>
            {keyNames.map((name) => (
              <td key={name}>{row.key[name]}</td>
            ))}
            {[...columns].map((column) => (
              <Fragment key={column}>
                {models.map((model) => (
                  <td key={model.id} className="num">
                    {formatMetric(row.byModel.get(model.id)?.[column])}
                  </td>
                ))}
              </Fragment>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
