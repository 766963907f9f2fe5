import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { BuiltInEvaluatorSpec, ModelOf, TestSuiteOf } from "@assay/sdk";
import { initialize, loadResults, verifyDeterminism } from "@assay/sdk";
import type { BinRun, ServerProcess } from "@assay/testing";
import { runBin, spawnServer } from "@assay/testing";

import type { ExampleReport } from "./shared/example";
import type { AnyWorkflow } from "./shared/models";

export interface ExampleServer {
  server: ServerProcess;
  /** A fresh temporary folder the server serves files from: the example writes its images there. */
  dataRoot: string;
  stop(): Promise<void>;
}

/**
 * The real server in its own process over a fresh store, with a fresh data root, and the SDK pointed at it.
 * `extraArgs` go to `assay-server serve` (a `--web-root` for browser tests).
 */
export async function startExampleServer(extraArgs: string[] = []): Promise<ExampleServer> {
  const dataRoot = mkdtempSync(join(tmpdir(), "assay-examples-"));
  const server = await spawnServer(["--data-root", dataRoot, ...extraArgs]);
  initialize({ url: server.url, token: server.token });
  return {
    server,
    dataRoot,
    stop: async () => {
      await server.stop();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/** Every test run of a report, as `model on suite: inferred` lines (for readable assertion failures). */
export function inferredCounts(report: ExampleReport): string[] {
  return report.runs.map((run) => `${run.model} on ${run.suite}: ${run.inferred}`);
}

/** A test case's metrics from the stored results of a run, found by test case name and configuration. */
export async function caseMetrics<W extends AnyWorkflow>(
  model: ModelOf<W>,
  suite: TestSuiteOf<W>,
  evaluator: BuiltInEvaluatorSpec,
  testCase: string,
  configuration = "default",
): Promise<Record<string, unknown>> {
  const results = await loadResults(model, suite, { evaluator, configuration });
  const found = results.testCases.find((item) => item.testCase.name === testCase);
  if (!found) throw new Error(`no results for test case '${testCase}' (${configuration})`);
  return found.metrics;
}

/** Re-infers `count` samples of every model on the suite; resolves to how many were checked per model. */
export async function checkDeterminism<W extends AnyWorkflow>(
  models: readonly ModelOf<W>[],
  suite: TestSuiteOf<W>,
  count: number,
): Promise<Record<string, number>> {
  const checked: Record<string, number> = {};
  for (const model of models)
    checked[model.name] = (await verifyDeterminism(model, suite, count)).checked;
  return checked;
}

/** Runs the real `assay` command-line binary against the test server; resolves to its exit code and output. */
export function assayCli(env: ExampleServer, args: string[]): Promise<BinRun> {
  return runBin("@assay/sdk", "assay", args, {
    ASSAY_URL: env.server.url,
    ASSAY_TOKEN: env.server.token,
  });
}
