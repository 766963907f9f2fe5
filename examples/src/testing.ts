import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { BuiltInEvaluatorSpec, ModelOf, TestSuiteOf } from "@assay/sdk";
import { initialize, loadResults, verifyDeterminism } from "@assay/sdk";
import type { BinRun, ServerProcess } from "@assay/testing";
import { launchChromium, runBin, signIn, spawnServer } from "@assay/testing";
import type { Locator } from "playwright-core";

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

export interface JudgedCell {
  /** The verdict the cell is painted with: improved, regressed or unchanged. */
  significance: string | null;
  /** The test that decided (mcnemar, paired-t, paired-bootstrap), absent when none could. */
  test: string | null;
  /** The cell's title: the difference and how it was judged, as `describeCell` words it. */
  title: string;
}

/**
 * The results page of a suite version in Debian's Chromium, as a signed-in user sees it: for each asked cell
 * (test case, model, metric), its verdict and the test its title names, once the page has judged every row.
 */
export async function judgedCells(
  env: ExampleServer,
  query: { suite: number; reference: number; config?: string; metrics: string[] },
  cells: { testCase: string; model: string; metric: string }[],
): Promise<JudgedCell[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20_000);
    await signIn(page, env.server.url, env.server.token);
    const params = new URLSearchParams({
      suite: String(query.suite),
      reference: String(query.reference),
    });
    if (query.config !== undefined) params.set("config", query.config);
    for (const metric of query.metrics) params.append("metric", metric);
    await page.goto(`${env.server.url}/results?${params.toString()}`);
    await page.locator('[role="grid"][data-ready]:not([data-comparing])').waitFor();
    const judged: JudgedCell[] = [];
    for (const cell of cells) {
      const locator = page
        .locator(
          `[data-test-case="${cell.testCase}"] [data-model="${cell.model}"][data-metric="${cell.metric}"]`,
        )
        .first();
      await expectTitle(locator);
      judged.push({
        significance: await locator.getAttribute("data-significance"),
        test: await locator.getAttribute("data-test"),
        title: (await locator.getAttribute("title")) ?? "",
      });
    }
    return judged;
  } finally {
    await browser.close();
  }
}

/** Waits for a cell to be judged (its title is set once its row's tests are in). */
async function expectTitle(locator: Locator): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (((await locator.getAttribute("title")) ?? "") !== "") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the cell was never judged");
}
