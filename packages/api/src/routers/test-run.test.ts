import { encodeLines } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";

import { failure, readAll } from "../testing";
import {
  config,
  gt,
  inferenceLines,
  remaining,
  run,
  suiteA,
  suiteB,
  t,
  ts,
  useKolenaSuites,
  WORKFLOW,
} from "./test-run.fixture";

useKolenaSuites();

describe("test runs", () => {
  it("are identified by model, suite version and evaluator; configurations accumulate", async () => {
    const first = await run("m");
    expect(first).toMatchObject({
      evaluator: "DummyEvaluator",
      status: "running",
      configurations: [config("a")],
    });
    expect((await run("m")).id).toBe(first.id);
    expect((await run("m", { suite: suiteB.id })).id).not.toBe(first.id);
    expect((await run("m", { evaluator: "DifferentDummyEvaluator" })).id).not.toBe(first.id);
    const more = await t.api.testRun.createOrRetrieve({
      modelId: first.modelId,
      testSuiteId: suiteA.id,
      evaluator: "DummyEvaluator",
      configurations: [config("b"), config("c")],
    });
    expect(more.id).toBe(first.id);
    expect(more.configurations.map((c) => c.displayName)).toEqual(
      ["a", "b", "c"].map((v) => config(v).displayName),
    );
    expect((await run("m", { evaluator: null })).evaluator).toBeNull();
  });

  it("keep what the evaluator declares its metrics to mean, and serve it with the metric names", async () => {
    const accuracy = { kind: "proportion", higherIsBetter: true, displayName: "Accuracy" } as const;
    const first = await run("meanings");
    expect(first.metricMeanings).toEqual({});
    const declared = await t.api.testRun.createOrRetrieve({
      modelId: first.modelId,
      testSuiteId: suiteA.id,
      evaluator: "DummyEvaluator",
      metricMeanings: { accuracy },
    });
    expect(declared).toMatchObject({ id: first.id, metricMeanings: { accuracy } });
    // A client that declares nothing (a plain function) leaves the declaration as it was, and retrieving a run
    // does not write to it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await run("meanings");
    expect(again.metricMeanings).toEqual({ accuracy });
    expect(again.updatedAt).toEqual(declared.updatedAt);
    await t.api.testRun.uploadTestCaseResults({
      testRunId: first.id,
      items: [
        {
          testCaseId: suiteA.testCases[0]!.id,
          configuration: config("a").displayName,
          metrics: { accuracy: 0.5, n: 10 },
        },
      ],
    });
    const names = await t.api.result.metricNames({
      testSuiteId: suiteA.id,
      modelIds: [first.modelId],
      evaluator: "DummyEvaluator",
      configuration: config("a").displayName,
    });
    expect(Object.fromEntries(names.map((entry) => [entry.name, entry.meaning]))).toEqual({
      accuracy,
      n: null,
    });
    await expect(
      t.api.testRun.createOrRetrieve({
        modelId: first.modelId,
        testSuiteId: suiteA.id,
        evaluator: "DummyEvaluator",
        metricMeanings: { accuracy: { kind: "ratio" } as never },
      }),
    ).rejects.toThrow(/kind/);
  });

  it("list each remaining sample once, across overlapping test cases, with metadata", async () => {
    const testRun = await run("m");
    const left = await remaining(testRun.id);
    expect(left.map((s) => s.testSample.locator).sort()).toEqual(ts.map((s) => s.locator).sort());
    expect(left.find((s) => s.testSample.locator === ts[3]!.locator)?.metadata).toEqual({
      extra: 3,
    });
  });

  it("store one inference per model and sample; a second upload without reset is refused", async () => {
    const testRun = await run("m");
    const left = await remaining(testRun.id);
    expect(
      await t.api.testRun.uploadInferences({
        testRunId: testRun.id,
        lines: inferenceLines(left.slice(0, 3), (i) => i),
      }),
    ).toEqual({
      count: 3,
    });
    const again = await run("m");
    expect((await remaining(again.id)).map((s) => s.id)).toEqual(left.slice(3).map((s) => s.id));
    const duplicate = await failure(() =>
      t.api.testRun.uploadInferences({
        testRunId: testRun.id,
        lines: inferenceLines(left.slice(2, 5), () => 1),
      }),
    );
    expect(duplicate).toMatchObject({ code: "PRECONDITION_FAILED", kind: "DUPLICATE_INFERENCE" });
    // The refused batch left nothing behind: samples 3 and 4 are still remaining.
    expect(await remaining(testRun.id)).toHaveLength(7);
  });

  it("share inferences across runs of the same model, and reset overwrites them", async () => {
    const testRun = await run("m");
    const all = await remaining(testRun.id);
    await t.api.testRun.uploadInferences({
      testRunId: testRun.id,
      lines: inferenceLines(all, (i) => i / 10),
    });
    expect(await remaining((await run("m", { evaluator: "Other" })).id)).toEqual([]);
    expect(await remaining(testRun.id, true)).toHaveLength(10);
    await t.api.testRun.uploadInferences({
      testRunId: testRun.id,
      reset: true,
      lines: inferenceLines(all, () => 42),
    });
    const testCaseA = suiteA.testCases[0]!;
    const triples = (await readAll((cursor) =>
      t.api.model.inferences({
        modelId: testRun.modelId,
        testCaseId: testCaseA.id,
        cursor,
        limit: 3,
      }),
    )) as { inference: { score: number }; groundTruth: unknown; testSample: { locator: string } }[];
    expect(triples).toHaveLength(10);
    expect(triples.every((triple) => triple.inference.score === 42)).toBe(true);
    expect(triples.map((triple) => triple.testSample.locator)).toEqual(ts.map((s) => s.locator));
    expect(triples[2]?.groundTruth).toEqual(gt[2]);
  });

  it("give no inferences for an untested model", async () => {
    const model = await t.api.model.create({ name: "fresh", workflow: WORKFLOW });
    for (const testCase of suiteA.testCases) {
      expect(
        (await t.api.model.inferences({ modelId: model.id, testCaseId: testCase.id })).lines,
      ).toBe("");
    }
  });

  it("name the sample and the field of a bad inference", async () => {
    const testRun = await run("m");
    const [first] = await remaining(testRun.id);
    const error = await failure(() =>
      t.api.testRun.uploadInferences({
        testRunId: testRun.id,
        lines: encodeLines([{ sampleId: first!.id, inference: { score: "high" } }]),
      }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", fields: ["lines[0].inference.score"] });
    const unknown = await failure(() =>
      t.api.testRun.uploadInferences({
        testRunId: testRun.id,
        lines: encodeLines([{ sampleId: 9999, inference: { score: 1 } }]),
      }),
    );
    expect(unknown).toMatchObject({ kind: "INCORRECT_USAGE" });
    const byContent = await t.api.testRun.uploadInferences({
      testRunId: testRun.id,
      lines: encodeLines([{ testSample: ts[4], inference: { score: 0.5 } }]),
    });
    expect(byContent.count).toBe(1);
  });

  it("remember evaluated configurations until inferences are replaced", async () => {
    const testRun = await run("m");
    const done = await t.api.testRun.status({
      testRunId: testRun.id,
      status: "completed",
      evaluated: [config("a").displayName],
    });
    expect(done.evaluated).toEqual([config("a").displayName]);
    const found = await t.api.testRun.find({
      modelId: testRun.modelId,
      testSuiteId: suiteA.id,
      evaluator: "DummyEvaluator",
    });
    expect(found?.id).toBe(testRun.id);
    expect(
      await t.api.testRun.find({ modelId: testRun.modelId, testSuiteId: suiteB.id }),
    ).toBeNull();
    const left = await remaining(testRun.id);
    await t.api.testRun.uploadInferences({
      testRunId: testRun.id,
      lines: inferenceLines(left, () => 1),
    });
    expect((await t.api.testRun.get({ id: testRun.id })).evaluated).toHaveLength(1);
    await t.api.testRun.uploadInferences({
      testRunId: testRun.id,
      reset: true,
      lines: inferenceLines(left.slice(0, 1), () => 2),
    });
    expect((await t.api.testRun.get({ id: testRun.id })).evaluated).toEqual([]);
  });

  it("record crashes and completion", async () => {
    const testRun = await run("m");
    expect(
      await t.api.testRun.status({
        testRunId: testRun.id,
        status: "crashed",
        message: "RuntimeError: boom",
      }),
    ).toMatchObject({
      status: "crashed",
      message: "RuntimeError: boom",
    });
    expect(await t.api.testRun.status({ testRunId: testRun.id, progress: 0.5 })).toMatchObject({
      progress: 0.5,
    });
    expect(
      await t.api.testRun.status({ testRunId: testRun.id, status: "completed" }),
    ).toMatchObject({
      status: "completed",
      progress: 1,
    });
  });
});
