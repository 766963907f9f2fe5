/** The shared setup of the test run router tests: Kolena's suites of dummy samples, and helpers over them. */
import type { JsonValue } from "@assay/workflow";
import { encodeLines } from "@assay/workflow/wire";
import { beforeEach } from "vitest";

import type { TestApi } from "../testing";
import { adds, dummyGroundTruth, dummySample, readAll, registerDummy, setupApi } from "../testing";

export const WORKFLOW = "Dummy Workflow 🤖";
export const ts = Array.from({ length: 10 }, (_, i) => dummySample(i));
export const gt = Array.from({ length: 10 }, (_, i) => dummyGroundTruth(i));
const pairsOf = (indices: number[]) => indices.map((i) => [ts[i], gt[i]] as const);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

export let t: TestApi;
export let suiteA: { id: number; testCases: { id: number; name: string }[] };
export let suiteB: { id: number };

/**
 * Kolena's fixture, made afresh before each test of the file that calls this: suite A holds test cases A (all
 * 10), B (first 5) and C (last 5); suite B is empty. The store and suites are read through the live bindings
 * `t`, `suiteA` and `suiteB`.
 */
export function useKolenaSuites(): void {
  beforeEach(setUp);
}

async function setUp() {
  t = setupApi();
  await registerDummy(t.api);
  const testCases = await t.api.testCase.edit({
    workflow: WORKFLOW,
    entries: ["A", "B", "C"].map((name) => ({ name, create: true })),
    lines: [
      adds(pairsOf(range(0, 10)), "A"),
      adds(pairsOf(range(0, 5)), "B"),
      adds(pairsOf(range(5, 10)), "C"),
    ].join("\n"),
  });
  const a = await t.api.testSuite.create({ name: "suite A", workflow: WORKFLOW });
  suiteA = await t.api.testSuite.edit({
    testSuiteId: a.testSuiteId,
    baseVersion: 0,
    testCaseIds: testCases.map((tc) => tc.id),
  });
  suiteB = await t.api.testSuite.create({ name: "suite B", workflow: WORKFLOW });
}

export const config = (value: string) => ({
  displayName: `DummyConfiguration(value=${value})`,
  configuration: { value },
});

export async function run(
  modelName: string,
  options: { suite?: number; evaluator?: string | null } = {},
) {
  const model = await t.api.model
    .create({ name: modelName, workflow: WORKFLOW })
    .catch(() => t.api.model.load({ name: modelName }));
  return t.api.testRun.createOrRetrieve({
    modelId: model.id,
    testSuiteId: options.suite ?? suiteA.id,
    evaluator: options.evaluator === undefined ? "DummyEvaluator" : options.evaluator,
    configurations: [config("a")],
  });
}

export async function remaining(testRunId: number, all = false) {
  const lines = await readAll((cursor) =>
    t.api.testRun.remaining({ testRunId, all, cursor, limit: 4 }),
  );
  return lines as {
    id: number;
    testSample: { locator: string };
    metadata: Record<string, JsonValue>;
  }[];
}

export const inferenceLines = (samples: { id: number }[], score: (i: number) => number) =>
  encodeLines(
    samples.map((sample, i) => ({ sampleId: sample.id, inference: { score: score(i) } })),
  );
