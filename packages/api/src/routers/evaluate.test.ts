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

const texts = ["great", "awful", "fine", "bad", "superb", "meh"];
const truths = ["pos", "neg", "pos", "neg", "pos", "neg"];
const predicted = ["pos", "neg", "neg", "neg", "pos", "pos"]; // 4 of 6 right

describe("server-side evaluation with a built-in evaluator", () => {
  it("computes and stores results over the stored inferences", async () => {
    const t = setupApi();
    await registerDummy(t.api, sentiment);
    const pairs = texts.map((text, i) => [{ text }, { label: { label: truths[i] } }] as const);
    const [first, second] = await t.api.testCase.edit({
      workflow: "Sentiment",
      entries: [
        { name: "first half", create: true },
        { name: "second half", create: true },
      ],
      lines: [adds(pairs.slice(0, 3), "first half"), adds(pairs.slice(3), "second half")].join(
        "\n",
      ),
    });
    const suite = await t.api.testSuite.create({ name: "sentiment", workflow: "Sentiment" });
    const edited = await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 0,
      testCaseIds: [first!.id, second!.id],
    });
    const model = await t.api.model.create({ name: "lexicon", workflow: "Sentiment" });
    const run = await t.api.testRun.createOrRetrieve({
      modelId: model.id,
      testSuiteId: edited.id,
      evaluator: "Classification",
    });
    const samples = (await readAll((cursor) =>
      t.api.testRun.remaining({ testRunId: run.id, cursor }),
    )) as {
      id: number;
      testSample: { text: string };
    }[];
    await t.api.testRun.uploadInferences({
      testRunId: run.id,
      lines: encodeLines(
        samples.map((s) => ({
          sampleId: s.id,
          inference: {
            prediction: { label: predicted[texts.indexOf(s.testSample.text)], score: 0.8 },
          },
        })),
      ),
    });

    const evaluator = {
      name: "classification" as const,
      configurations: [{ displayName: "default" }],
    };
    const job = await t.api.testRun.evaluate({ testRunId: run.id, evaluator });
    expect(job).toMatchObject({ kind: "evaluate", status: "queued", testRunId: run.id });
    // Asked again while queued: the same job, not a second one.
    expect((await t.api.testRun.evaluate({ testRunId: run.id, evaluator })).id).toBe(job.id);
    expect(await t.api.testRun.get({ id: run.id })).toMatchObject({ status: "running" });
    expect(await runQueuedJobs(t.db)).toBe(1);
    expect(await t.api.job.get({ id: job.id })).toMatchObject({ status: "done", progress: 1 });
    const evaluated = await t.api.testRun.get({ id: run.id });
    expect(evaluated).toMatchObject({ status: "completed", evaluated: ["default"], progress: 1 });
    const results = await t.api.testRun.results({ testRunId: run.id });
    const accuracy = results.testCases.map((tc) => tc.metrics.accuracy);
    expect(accuracy).toEqual([2 / 3, 2 / 3]);
    expect(results.testCases[0]?.plots.length).toBeGreaterThan(0);
    const sampleMetrics = await readAll((cursor) =>
      t.api.testRun.sampleMetrics({ testRunId: run.id, configuration: "default", cursor }),
    );
    expect(sampleMetrics).toHaveLength(6);

    const wrong = await failure(() =>
      t.api.testRun.evaluate({ testRunId: run.id, evaluator: { name: "regression" } }),
    );
    expect(wrong).toMatchObject({ kind: "INCORRECT_USAGE" });
  });
});
