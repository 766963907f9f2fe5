import type { JsonValue, MetricMeaning } from "@assay/workflow";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { nestedRowKey } from "@assay/workflow/wire";
import { useQuery } from "@tanstack/react-query";
import { Fragment, lazy, Suspense, useMemo } from "react";
import { Link } from "wouter";
import { z } from "zod";

import { ErrorView, Loading } from "../components/states";
import { modelColor } from "../lib/colors";
import { columnFormat, formatMetric } from "../lib/format";
import { decodeAs, jsonObject } from "../lib/ndjson";
import { trpc } from "../lib/trpc";
import type { SampleFields } from "./drill";
import { rowDrill } from "./drill";
import type { MatrixModel, Metrics } from "./matrix";
import { metricLabel } from "./matrix-cells";
import { link } from "./plot-links";

// Charts (recharts) load when a test case is first opened, not with the page.
const Plots = lazy(() => import("./plots").then((module) => ({ default: module.Plots })));

interface DetailsProps {
  testCase: TestCaseRecord;
  models: MatrixModel[];
  configuration: string;
  scope: { testSuiteId: number; evaluator: string };
  meanings: Record<string, MetricMeaning | null>;
  fields: SampleFields;
}

/** One model's whole metrics of the opened test case (`result.cells`). */
const CellLine = z.object({ modelId: z.int(), metrics: jsonObject });

/** A test case opened: its nested rows (per class, …) for every model, and its plots. */
export function Details(props: DetailsProps) {
  const { testCase, models, configuration, scope } = props;
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
    const lines = decodeAs(CellLine, full.data?.lines ?? "");
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
            meanings={props.meanings}
            href={(model, key, n) => {
              const drill = rowDrill({
                key,
                n,
                fields: props.fields,
                run: { testRunId: model.testRunId, configuration },
              });
              return link({ testCaseId: testCase.id, suiteId: scope.testSuiteId }, model, drill);
            }}
          />
        ))
      )}
      <Suspense fallback={<Loading what="Loading plots" />}>
        <Plots
          testCase={testCase}
          configuration={configuration}
          models={models}
          fields={props.fields}
          suiteId={scope.testSuiteId}
        />
      </Suspense>
    </div>
  );
}

/**
 * A list of rows (per class, per keypoint) for every model, named by the evaluator's display names. Each value
 * links to that model's samples of the row where the per-sample metrics name the row (a class's `label`).
 */
function NestedTable({
  field,
  models,
  cell,
  meanings,
  href,
}: {
  field: string;
  models: MatrixModel[];
  cell: (modelId: number) => Metrics | undefined;
  meanings: Record<string, MetricMeaning | null>;
  href: (
    model: MatrixModel,
    key: Record<string, string>,
    n: JsonValue | undefined,
  ) => { href: string; drill: { claim: string } } | undefined;
}) {
  const rows = new Map<
    string,
    { key: Record<string, string>; byModel: Map<number, Record<string, JsonValue>> }
  >();
  const columns = new Map<string, number[]>();
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
      for (const [name, value] of Object.entries(row)) {
        if (typeof value === "string") continue;
        const values = columns.get(name) ?? [];
        if (typeof value === "number") values.push(value);
        columns.set(name, values);
      }
    }
  }
  const formats = new Map([...columns].map(([name, values]) => [name, columnFormat(values)]));
  const keyNames = [...new Set([...rows.values()].flatMap((row) => Object.keys(row.key)))];
  const label = (name: string) => meanings[`${field}.${name}`]?.displayName ?? name;
  const caption = metricLabel(meanings, field);
  return (
    <table className="table nested" aria-label={caption} data-field={field}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {keyNames.map((name) => (
            <th key={name} scope="col">
              {label(name)}
            </th>
          ))}
          {[...columns.keys()].map((column) => (
            <th key={column} colSpan={models.length} className="num" scope="colgroup">
              {label(column)}
            </th>
          ))}
        </tr>
        <tr>
          {keyNames.map((name) => (
            <td key={name} />
          ))}
          {[...columns.keys()].map((column) =>
            models.map((model) => (
              <th
                key={`${column}:${model.id}`}
                className="num model"
                scope="col"
                title={model.name}
              >
                <span className="swatch" style={{ background: modelColor(model.id) }} aria-hidden />{" "}
                {model.name}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        {[...rows.entries()].map(([id, row]) => (
          <tr key={id} data-row={Object.values(row.key).join(", ")}>
            {keyNames.map((name) => (
              <th key={name} scope="row">
                {row.key[name]}
              </th>
            ))}
            {[...columns.keys()].map((column) => (
              <Fragment key={column}>
                {models.map((model) => {
                  const value = row.byModel.get(model.id)?.[column];
                  const text =
                    typeof value === "number"
                      ? (formats.get(column) ?? columnFormat([])).value(value)
                      : formatMetric(value);
                  const target =
                    typeof value === "number"
                      ? href(model, row.key, row.byModel.get(model.id)?.n)
                      : undefined;
                  return (
                    <td key={model.id} className="num" data-model={model.name} data-column={column}>
                      {target ? (
                        <Link
                          href={target.href}
                          className="drill"
                          title={`${label(column)} ${text}: open ${model.name}'s ${target.drill.claim} in the gallery`}
                          data-claim={target.drill.claim}
                        >
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </Fragment>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
