import { describe, expect, it } from "vitest";

import { adds, failure } from "../testing";
import { config, gt, suiteA, t, ts, useKolenaSuites, WORKFLOW } from "./test-run.fixture";

useKolenaSuites();

const meanings = {
  accuracy: { kind: "proportion", higherIsBetter: true, displayName: "Accuracy" },
  f1: { kind: "aggregate", higherIsBetter: true, displayName: "F1" },
  n: { kind: "count", displayName: "Samples" },
  // Declared, never measured (as AUC without scores): no headline.
  rocAuc: { kind: "aggregate", higherIsBetter: true, displayName: "ROC AUC" },
  nCorrect: { kind: "count", higherIsBetter: true, displayName: "Correct" },
} as const;

/** A completed run of `model` on a suite version whose test cases A, B, C get these accuracies. */
async function completedRun(model: string, suiteVersionId: number, accuracy: number) {
  const found = await t.api.model
    .create({ name: model, workflow: WORKFLOW, metadata: { framework: "onnx", epochs: 3 } })
    .catch(() => t.api.model.load({ name: model }));
  const run = await t.api.testRun.createOrRetrieve({
    modelId: found.id,
    testSuiteId: suiteVersionId,
    evaluator: "DummyEvaluator",
    configurations: [config("a")],
    metricMeanings: meanings,
  });
  const suite = await t.api.testSuite.get({ id: suiteVersionId });
  await t.api.testRun.uploadTestCaseResults({
    testRunId: run.id,
    items: suite.testCases.map((tc, i) => ({
      testCaseId: tc.id,
      configuration: config("a").displayName,
      // The largest test case (A, 10 samples) carries the given accuracy; the slices something else.
      metrics: { accuracy: i === 0 ? accuracy : 0.1, f1: 0.5, n: tc.sampleCount, nCorrect: 1 },
    })),
  });
  await t.api.testRun.status({ testRunId: run.id, status: "completed" });
  return found;
}

/** Suite A's version 2: test case B grows by one sample (v2) and C leaves. */
async function secondVersion() {
  const [b2] = await t.api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name: "B", baseVersion: 1 }],
    lines: adds([[ts[5], gt[5]]]),
  });
  const [a, , c] = suiteA.testCases;
  const suite = await t.api.testSuite.edit({
    testSuiteId: (await t.api.testSuite.get({ id: suiteA.id })).testSuiteId,
    baseVersion: 1,
    testCaseIds: [a!.id, b2!.id],
  });
  return { suite, b2: b2!, c: c! };
}

describe("test suite history", () => {
  it("counts distinct samples, not the sum of the test cases' sizes", async () => {
    const { testSuiteId } = await t.api.testSuite.get({ id: suiteA.id });
    const history = await t.api.testSuite.history({ testSuiteId });
    // A holds samples 0–9, B 0–4 and C 5–9: 20 memberships, 10 samples.
    expect(history.map((v) => [v.version, v.sampleCount])).toEqual([
      [0, 0],
      [1, 10],
    ]);
    expect(history[1]?.diff.added.map((tc) => tc.name)).toEqual(["A", "B", "C"]);
    const empty = await t.api.testSuite.create({ name: "empty", workflow: WORKFLOW });
    expect(await t.api.testSuite.sampleCounts({ ids: [suiteA.id, empty.id, 9999] })).toEqual([
      { id: suiteA.id, sampleCount: 10 },
      { id: empty.id, sampleCount: 0 },
    ]);
  });

  it("diffs each version with the one before: test cases added, removed, and changed with their samples", async () => {
    const { suite, b2, c } = await secondVersion();
    const history = await t.api.testSuite.history({ testSuiteId: suite.testSuiteId });
    expect(history.at(-1)).toEqual({
      id: suite.id,
      version: 2,
      sampleCount: 10,
      diff: {
        added: [],
        removed: [{ id: c.id, name: "C", version: 1 }],
        changed: [
          {
            name: "B",
            id: b2.id,
            fromVersion: 1,
            toVersion: 2,
            samplesAdded: 1,
            samplesRemoved: 0,
          },
        ],
      },
    });
  });

  it("answers 404 for an unknown suite, where versions once answered an empty list", async () => {
    expect(await failure(() => t.api.testSuite.versions({ testSuiteId: 9999 }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await failure(() => t.api.testSuite.history({ testSuiteId: 9999 }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("model table and summary", () => {
  it("gives each listed model its last test and headline metric, filtered by metadata on the server", async () => {
    await completedRun("tested", suiteA.id, 0.8);
    await t.api.model.create({ name: "untested", workflow: WORKFLOW, metadata: { epochs: 12 } });
    const table = await t.api.model.table({ sort: "name" });
    expect(table.items.map((m) => m.name)).toEqual(["tested", "untested"]);
    const [tested, untested] = table.items;
    expect(untested).toMatchObject({ lastTestedAt: null, headline: null });
    expect(tested?.lastTestedAt).toBeInstanceOf(Date);
    // Accuracy (a proportion with a direction) outranks F1 and the counts; it is read on A, the largest case.
    expect(tested?.headline).toMatchObject({
      metric: "accuracy",
      displayName: "Accuracy",
      higherIsBetter: true,
      value: 0.8,
      testSuite: "suite A",
      suiteVersion: 1,
      testCase: { name: "A" },
      configuration: config("a").displayName,
    });
    const filtered = await t.api.model.table({
      metadata: [{ path: "epochs", op: "gte", value: 10 }],
    });
    expect(filtered.items.map((m) => m.name)).toEqual(["untested"]);
  });

  it("summarises a model's latest results per suite with their trend across suite versions", async () => {
    const model = await completedRun("m", suiteA.id, 0.8);
    const { suite } = await secondVersion();
    await completedRun("m", suite.id, 0.9);
    const summary = await t.api.model.summary({ modelId: model.id });
    expect(summary.suites).toHaveLength(1);
    const [only] = summary.suites;
    expect(only).toMatchObject({ testSuite: "suite A", suiteVersion: 2, testCase: { name: "A" } });
    expect(only?.metrics.map((m) => [m.displayName, m.value])).toEqual([
      ["Accuracy", 0.9],
      ["F1", 0.5],
      ["Correct", 1],
    ]);
    expect(only?.metrics[0]?.trend).toEqual([
      { suiteVersion: 1, value: 0.8 },
      { suiteVersion: 2, value: 0.9 },
    ]);
    expect(summary.runs.map((r) => [r.testSuite, r.suiteVersion, r.status])).toEqual([
      ["suite A", 2, "completed"],
      ["suite A", 1, "completed"],
    ]);
    expect(await failure(() => t.api.model.summary({ modelId: 9999 }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
