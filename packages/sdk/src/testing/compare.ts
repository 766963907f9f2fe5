import type { CellComparison, EvaluatorConfiguration, MetricMeaning } from "@assay/workflow";

import type { AssayClient } from "../client/client";
import { IncorrectUsageError } from "../client/errors";
import type { AnyWorkflow } from "../registry/binding";
import { clientFor } from "../registry/binding";
import type { ModelHandle } from "../registry/model";
import type { TestCaseHandle } from "../registry/test-case";
import type { TestSuiteHandle } from "../registry/test-suite";
import type { AnyEvaluator } from "./evaluators";
import { evaluatorName } from "./evaluators";
import { findTestRun } from "./find-run";

export interface CompareOptions<W extends AnyWorkflow> {
  /** The runs' evaluator, as for `loadResults`; may be left out when the reference has one run on the suite. */
  evaluator?: AnyEvaluator<W> | string;
  /** Only this configuration; by default every configuration the reference's run evaluated. */
  configuration?: string | EvaluatorConfiguration;
  /** The model the others are compared with; by default the first of `models`. */
  reference?: ModelHandle<W>;
  /** The test case metrics compared; by default every one the runs hold whose kind is declared. */
  metrics?: readonly string[];
  /** The false discovery rate across the cells, and 1 - the intervals' confidence; default 0.05. */
  alpha?: number;
}

/** One cell: a model against the reference on one metric of one test case, in one configuration. */
export type ComparisonCell<W extends AnyWorkflow> = {
  testCase: TestCaseHandle<W>;
  configuration: string;
  model: ModelHandle<W>;
  metric: string;
} & CellComparison;

export interface Comparison<W extends AnyWorkflow> {
  reference: ModelHandle<W>;
  alpha: number;
  /** The metrics compared, with what each means (null when its evaluator does not say). */
  metrics: { name: string; meaning: MetricMeaning | null }[];
  cells: ComparisonCell<W>[];
}

/**
 * Compares models with a reference on a test suite, test case by test case and metric by metric, with the
 * comparison engine the web UI and `assay gate` use (run by the server): on the samples both models were tested
 * on, each metric by the test of its declared kind (McNemar for a proportion, a paired t-test with Wilcoxon's
 * beside it for a mean, a seeded paired bootstrap for a count or an aggregate), each with the difference, its
 * confidence interval, the p-value and its Benjamini–Hochberg-adjusted value; a cell that cannot be tested says
 * why. A regression is a cell whose `verdict` is "regressed".
 */
export async function compare<W extends AnyWorkflow>(
  models: readonly ModelHandle<W>[],
  testSuite: TestSuiteHandle<W>,
  options: CompareOptions<W> = {},
): Promise<Comparison<W>> {
  const reference = options.reference ?? models[0];
  if (!reference) throw new IncorrectUsageError("compare needs at least one model");
  const all = models.some((model) => model.id === reference.id) ? models : [reference, ...models];
  const client = await clientFor(reference.workflow);
  const configuration =
    typeof options.configuration === "string"
      ? options.configuration
      : options.configuration?.displayName;
  const answer = await compareOnServer(client, {
    modelIds: all.map((model) => model.id),
    reference,
    suite: testSuite,
    evaluator: evaluatorName(options.evaluator as AnyEvaluator<AnyWorkflow> | string | undefined),
    configuration,
    metrics: options.metrics,
    alpha: options.alpha,
  });
  const testCases = new Map(testSuite.testCases.map((tc) => [tc.id, tc]));
  const byId = new Map(all.map((model) => [model.id, model]));
  return {
    reference,
    alpha: answer.alpha,
    metrics: answer.metrics,
    cells: answer.cells.flatMap(({ testCaseId, modelId, testCase: _, ...cell }) => {
      const testCase = testCases.get(testCaseId);
      const model = byId.get(modelId);
      return testCase && model ? [{ testCase, model, ...cell }] : [];
    }),
  };
}

export interface ServerComparison {
  alpha: number;
  metrics: { name: string; meaning: MetricMeaning | null }[];
  cells: ({
    testCaseId: number;
    testCase: string;
    configuration: string;
    modelId: number;
    metric: string;
  } & CellComparison)[];
}

/**
 * The server's comparison (`result.compare`) for every configuration asked for (by default every one the
 * reference's run evaluated), flattened to one row per cell: what `compare()`, `assay compare` and `assay gate`
 * read.
 */
export async function compareOnServer(
  client: AssayClient,
  input: {
    modelIds: number[];
    reference: { id: number; name: string };
    suite: { id: number; name: string; version: number };
    evaluator: string | null;
    configuration?: string | undefined;
    metrics?: readonly string[] | undefined;
    alpha?: number | undefined;
  },
): Promise<ServerComparison> {
  const run = await findTestRun(client, input.reference, input.suite, input.evaluator);
  const configurations =
    input.configuration !== undefined
      ? [input.configuration]
      : run.evaluated.length > 0
        ? run.evaluated
        : [""];
  const out: ServerComparison = { alpha: input.alpha ?? 0.05, metrics: [], cells: [] };
  for (const configuration of configurations) {
    const answer = await client.call((trpc) =>
      trpc.result.compare.query({
        testSuiteId: input.suite.id,
        modelIds: input.modelIds,
        referenceModelId: input.reference.id,
        evaluator: run.evaluator ?? undefined,
        configuration,
        ...(input.metrics ? { metrics: [...input.metrics] } : {}),
        ...(input.alpha !== undefined ? { alpha: input.alpha } : {}),
      }),
    );
    for (const metric of answer.metrics)
      if (!out.metrics.some((m) => m.name === metric.name)) out.metrics.push(metric);
    for (const testCase of answer.testCases)
      for (const cell of testCase.cells)
        out.cells.push({
          testCaseId: testCase.testCaseId,
          testCase: testCase.name,
          configuration,
          ...cell,
        });
  }
  return out;
}
