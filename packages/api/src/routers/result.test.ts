import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Inference,
  ScoredClassificationLabel,
  Text,
} from "@assay/workflow";
import { encodeLines } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";

import { adds, failure, readAll, registerDummy, runQueuedJobs, setupApi } from "../testing";

const sentiment = defineWorkflow({
  name: "Sentiment",
  testSample: Text,
  groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
  inference: Inference.extend({ prediction: ScoredClassificationLabel }),
});

/** Two test cases of 60 samples; the reference is right on all, the candidate wrong on 30 of the first. */
async function seed() {
  const t = setupApi();
  await registerDummy(t.api, sentiment);
  const pairs = (from: number) =>
    Array.from(
      { length: 60 },
      (_, i) =>
        [{ text: `review ${from + i}` }, { label: { label: i % 2 ? "pos" : "neg" } }] as const,
    );
  const [first, second] = await t.api.testCase.edit({
    workflow: "Sentiment",
    entries: [
      { name: "first", create: true },
      { name: "second", create: true },
    ],
    lines: [adds(pairs(0), "first"), adds(pairs(100), "second")].join("\n"),
  });
  const suite = await t.api.testSuite.create({ name: "suite", workflow: "Sentiment" });
  const version = await t.api.testSuite.edit({
    testSuiteId: suite.testSuiteId,
    baseVersion: 0,
    testCaseIds: [first!.id, second!.id],
  });
  const models = [];
  for (const [name, wrong] of [
    ["reference", () => false],
    ["candidate", (text: string) => Number(text.split(" ")[1]) < 30],
  ] as const) {
    const model = await t.api.model.create({ name, workflow: "Sentiment" });
    const run = await t.api.testRun.createOrRetrieve({
      modelId: model.id,
      testSuiteId: version.id,
      evaluator: "Classification",
    });
    const samples = (await readAll((cursor) =>
      t.api.testRun.remaining({ testRunId: run.id, cursor }),
    )) as {
      id: number;
      testSample: { text: string };
    }[];
    // The candidate has no inference for the last sample of the second test case.
    const inferred =
      name === "candidate" ? samples.filter((s) => s.testSample.text !== "review 159") : samples;
    await t.api.testRun.uploadInferences({
      testRunId: run.id,
      lines: encodeLines(
        inferred.map((s) => {
          const truth = Number(s.testSample.text.split(" ")[1]) % 2 ? "pos" : "neg";
          const label = wrong(s.testSample.text) ? (truth === "pos" ? "neg" : "pos") : truth;
          return { sampleId: s.id, inference: { prediction: { label, score: 0.9 } } };
        }),
      ),
    });
    await t.api.testRun.evaluate({ testRunId: run.id, evaluator: { name: "classification" } });
    await runQueuedJobs(t.db);
    models.push(model);
  }
  return { t, suite: version, first: first!, second: second!, models };
}

describe("comparing models", () => {
  it("tests each metric by its kind on the samples both models were tested on, with Benjamini–Hochberg", async () => {
    const { t, suite, models } = await seed();
    const [reference, candidate] = models;
    const request = {
      testSuiteId: suite.id,
      modelIds: [reference!.id, candidate!.id],
      referenceModelId: reference!.id,
    };
    const answer = await t.api.result.compare(request);
    const { testCases } = answer;
    // By default every metric the runs hold with a declared kind, with its meaning.
    expect(answer.metrics.map((m) => m.name)).toEqual(
      expect.arrayContaining(["accuracy", "nCorrect", "macroF1"]),
    );
    expect(answer.metrics.map((m) => m.name)).not.toContain("TP"); // multiclass: none stored
    const cell = (row: number, metric: string) =>
      testCases[row]!.cells.find((c) => c.metric === metric && c.modelId === candidate!.id)!;
    expect(cell(0, "accuracy")).toMatchObject({
      tested: true,
      test: "mcnemar",
      n: 60,
      difference: -0.5,
      significant: true,
      verdict: "regressed",
    });
    expect(cell(0, "nCorrect")).toMatchObject({
      tested: true,
      test: "paired-bootstrap",
      difference: -30,
      verdict: "regressed",
    });
    expect(cell(0, "macroF1")).toMatchObject({ test: "paired-bootstrap", verdict: "regressed" });
    // The candidate has no inference for one sample of the second test case: 59 pairs, no difference.
    expect(cell(1, "accuracy")).toMatchObject({
      n: 59,
      difference: 0,
      pValue: 1,
      significant: false,
    });
    expect(cell(1, "accuracy")).toMatchObject({ verdict: "unchanged" });

    // The values were precomputed when the runs were evaluated (one row per field for each whole run); a store
    // without them (written before, or changed since) gives the same answer from the samples' JSON.
    const sqlite = t.db.$client;
    const wholeRuns = sqlite.prepare(
      "SELECT count(DISTINCT test_run_id) FROM sample_metric_columns WHERE part = 0",
    );
    expect(wholeRuns.pluck().get()).toBe(2);
    sqlite.exec("DELETE FROM sample_metric_columns WHERE part = 0");
    expect(await t.api.result.compare(request)).toEqual(answer);
    sqlite.exec("DELETE FROM sample_metric_columns");
    expect(await t.api.result.compare(request)).toEqual(answer);

    // A metric without a declared kind is not tested, and says why.
    const undeclared = await t.api.result.compare({
      testSuiteId: suite.id,
      modelIds: [reference!.id, candidate!.id],
      referenceModelId: reference!.id,
      metrics: ["mystery"],
    });
    expect(undeclared.testCases[0]!.cells[0]).toMatchObject({
      tested: false,
      reason: expect.stringMatching(/does not declare/) as string,
    });

    // A page of the answer: the same numbers (Benjamini–Hochberg still spans the suite).
    const page = await t.api.result.compare({
      testSuiteId: suite.id,
      modelIds: [reference!.id, candidate!.id],
      referenceModelId: reference!.id,
      testCaseIds: [testCases[0]!.testCaseId],
    });
    expect(page.testCases).toEqual([testCases[0]]);

    // New results are seen at once, though whole comparisons are remembered between pages.
    const run = await t.api.testRun.find({
      modelId: candidate!.id,
      testSuiteId: suite.id,
      evaluator: "Classification",
    });
    const firstSamples = (await readAll((cursor) =>
      t.api.testCase.samples({ testCaseId: testCases[0]!.testCaseId, cursor }),
    )) as { id: number }[];
    await t.api.testRun.uploadSampleMetrics({
      testRunId: run!.id,
      testCaseId: testCases[0]!.testCaseId,
      lines: encodeLines(firstSamples.map((s) => ({ sampleId: s.id, metrics: { correct: true } }))),
    });
    const fixed = await t.api.result.compare({
      testSuiteId: suite.id,
      modelIds: [reference!.id, candidate!.id],
      referenceModelId: reference!.id,
    });
    const fixedCell = fixed.testCases[0]!.cells.find((c) => c.metric === "accuracy");
    expect(fixedCell).toMatchObject({ difference: 0, significant: false });
    expect(
      await failure(() =>
        t.api.result.compare({
          testSuiteId: suite.id,
          modelIds: [candidate!.id],
          referenceModelId: reference!.id,
        }),
      ),
    ).toMatchObject({ kind: "INCORRECT_USAGE" });
  });

  it("makes a test case from a selection of samples, with their ground truths", async () => {
    const { t, first } = await seed();
    const lines = (await readAll((cursor) =>
      t.api.testCase.samples({ testCaseId: first.id, cursor }),
    )) as {
      id: number;
      groundTruth: unknown;
    }[];
    const picked = [lines[5]!.id, lines[2]!.id];
    const made = await t.api.testCase.createFromSamples({
      name: "hard ones",
      sourceTestCaseId: first.id,
      sampleIds: picked,
    });
    expect(made).toMatchObject({ name: "hard ones", version: 1, sampleCount: 2 });
    const copied = (await readAll((cursor) =>
      t.api.testCase.samples({ testCaseId: made.id, cursor }),
    )) as { id: number; groundTruth: unknown }[];
    expect(copied.map((line) => line.id)).toEqual([lines[2]!.id, lines[5]!.id]);
    expect(copied[0]!.groundTruth).toEqual(lines[2]!.groundTruth);
    expect(
      await failure(() =>
        t.api.testCase.createFromSamples({
          name: "bad",
          sourceTestCaseId: first.id,
          sampleIds: [999_999],
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(() => t.api.testCase.load({ name: "bad" }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("gives per-sample metrics for a page of samples", async () => {
    const { t, suite, first, models } = await seed();
    const run = await t.api.testRun.find({
      modelId: models[1]!.id,
      testSuiteId: suite.id,
      evaluator: "Classification",
    });
    const lines = (
      await readAll((cursor) => t.api.testCase.samples({ testCaseId: first.id, cursor, limit: 5 }))
    ).slice(0, 5) as { id: number }[];
    const page = await t.api.testRun.sampleMetricsFor({
      testRunId: run!.id,
      testCaseId: first.id,
      sampleIds: lines.map((l) => l.id),
    });
    const metrics = page.lines
      .split("\n")
      .map((line) => JSON.parse(line) as { id: number; metrics: { correct: boolean } });
    expect(metrics).toHaveLength(5);
    expect(metrics.every((m) => m.metrics.correct === false)).toBe(true);
  });
});

describe("results for the web UI", () => {
  it("lists the runs on a suite version and reads one test case's results", async () => {
    const { t, suite, first } = await seed();
    const runs = await t.api.testRun.list({ testSuiteId: suite.id });
    expect(runs.map((run) => run.modelName)).toEqual(["candidate", "reference"]);
    const one = await t.api.testRun.results({ testRunId: runs[0]!.id, testCaseId: first.id });
    expect(one.testCases.map((tc) => tc.testCaseId)).toEqual([first.id]);
    expect(one.testCases[0]?.plots.length).toBeGreaterThan(0);
    expect(one.testSuite).toHaveLength(1);
  });
});
