import { parseArgs } from "node:util";

import type { JsonObject } from "@assay/workflow";
import type { TestRunRecord } from "@assay/workflow/wire";

import { getClient } from "../../client/client";
import { evaluatorName } from "../../testing/evaluators";
import { findTestRun } from "../../testing/find-run";
import type { Io } from "../io";
import { formatCsv, formatJson, formatTable, formatValue, nameAndVersion, UsageError } from "../io";
import { required } from "./model";

export const RESULTS_HELP = `Usage:
  assay results --model NAME --suite NAME[@VERSION] [--evaluator NAME] [--configuration NAME]
                [--format table|json|csv] [--json]
      What a test run stored: per test case (and configuration) its metrics, and the suite's metrics.
      --evaluator is the run's evaluator (a built-in name such as classification, or a display name);
      it may be left out when the model has one run on that suite version.
      Tables show scalar metrics; lists of nested rows (per class, …) are in --json and csv as JSON.
`;

export interface LoadedResults {
  model: string;
  testSuite: { name: string; version: number; id: number };
  testRun: TestRunRecord;
  testSuiteMetrics: { configuration: string; metrics: JsonObject }[];
  testCases: {
    name: string;
    version: number;
    id: number;
    sampleCount: number;
    configuration: string;
    metrics: JsonObject;
  }[];
}

/** The stored results of a model's run on a suite version, found by evaluator when there are several runs. */
export async function loadRunResults(
  modelName: string,
  suiteRef: string,
  evaluator: string | undefined,
  configuration: string | undefined,
): Promise<LoadedResults> {
  const client = getClient();
  const [name, version] = nameAndVersion(suiteRef);
  const model = await client.call((trpc) => trpc.model.load.query({ name: modelName }));
  const suite = await client.call((trpc) => trpc.testSuite.load.query({ name, version }));
  const run = await findTestRun(client, model, suite, evaluatorName(evaluator));
  const stored = await client.call((trpc) =>
    trpc.testRun.results.query({ testRunId: run.id, configuration }),
  );
  const cases = new Map(suite.testCases.map((tc) => [tc.id, tc]));
  return {
    model: model.name,
    testSuite: { name: suite.name, version: suite.version, id: suite.id },
    testRun: run,
    testSuiteMetrics: stored.testSuite,
    testCases: stored.testCases.map((item) => {
      const tc = cases.get(item.testCaseId);
      return {
        name: tc?.name ?? String(item.testCaseId),
        version: tc?.version ?? -1,
        id: item.testCaseId,
        sampleCount: tc?.sampleCount ?? 0,
        configuration: item.configuration,
        metrics: item.metrics,
      };
    }),
  };
}

export async function resultsCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: "string" },
      suite: { type: "string" },
      evaluator: { type: "string" },
      configuration: { type: "string" },
      format: { type: "string", default: "table" },
      json: { type: "boolean", default: false },
    },
  });
  const format = values.json ? "json" : values.format;
  if (!["table", "json", "csv"].includes(format))
    throw new UsageError("--format is table, json or csv");
  const results = await loadRunResults(
    required(values.model, "results needs --model"),
    required(values.suite, "results needs --suite"),
    values.evaluator,
    values.configuration,
  );
  io.out(renderResults(results, format as "table" | "json" | "csv"));
  return 0;
}

/** Results as a table (scalar metrics), CSV (every metric; lists as JSON) or JSON. */
export function renderResults(results: LoadedResults, format: "table" | "json" | "csv"): string {
  if (format === "json") return formatJson(results);
  const metricNames = [
    ...new Set(
      results.testCases.flatMap((tc) =>
        Object.entries(tc.metrics)
          .filter(([, value]) => format === "csv" || !Array.isArray(value))
          .map(([key]) => key),
      ),
    ),
  ];
  const header = ["TEST CASE", "VERSION", "SAMPLES", "CONFIGURATION", ...metricNames];
  const rows = results.testCases.map((tc) => [
    tc.name,
    String(tc.version),
    String(tc.sampleCount),
    tc.configuration,
    ...metricNames.map((key) =>
      format === "csv" && typeof tc.metrics[key] === "object"
        ? JSON.stringify(tc.metrics[key])
        : formatValue(tc.metrics[key]),
    ),
  ]);
  if (format === "csv")
    return formatCsv(
      header.map((h) => h.toLowerCase().replace(/ /g, "_")),
      rows,
    );
  const suite = results.testSuiteMetrics
    .map(
      (s) =>
        `suite${s.configuration ? ` (${s.configuration})` : ""}: ${Object.entries(s.metrics)
          .map(([k, v]) => `${k}=${formatValue(v)}`)
          .join("  ")}`,
    )
    .join("\n");
  return (
    `${results.model} on ${results.testSuite.name} v${results.testSuite.version}` +
    ` (run ${results.testRun.id}, ${results.testRun.evaluator ?? "no evaluator"}, ${results.testRun.status})\n\n` +
    formatTable(header, rows) +
    (suite ? `\n${suite}\n` : "")
  );
}
