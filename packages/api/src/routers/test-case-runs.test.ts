import { encodeLines } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";

import { config, remaining, run, suiteA, t, useKolenaSuites, WORKFLOW } from "./test-run.fixture";

useKolenaSuites();

describe("a test case's runs and sample stats (the gallery's)", () => {
  it("lists each chosen model's newest run per suite holding the version, with suite and configurations", async () => {
    const [tcA] = suiteA.testCases;
    const first = await run("m1");
    await run("m2");
    await run("other");
    // A newer version of the suite supersedes the run on the older one.
    const newer = await t.api.testSuite.edit({
      testSuiteId: (await t.api.testSuite.get({ id: suiteA.id })).testSuiteId,
      baseVersion: 1,
      testCaseIds: suiteA.testCases.slice(0, 2).map((tc) => tc.id),
    });
    const m1 = await t.api.model.load({ name: "m1" });
    const m2 = await t.api.model.load({ name: "m2" });
    const latest = await run("m1", { suite: newer.id });
    const runs = await t.api.testCase.runs({ testCaseId: tcA!.id, modelIds: [m1.id, m2.id] });
    expect(runs.map((r) => [r.modelName, r.testRunId, r.suiteName, r.suiteVersion])).toEqual([
      ["m1", latest.id, "suite A", 2],
      ["m2", expect.any(Number), "suite A", 1],
    ]);
    expect(runs.map((r) => r.testRunId)).not.toContain(first.id);
    expect(runs[0]).toMatchObject({
      modelId: m1.id,
      testSuiteId: newer.id,
      evaluator: "DummyEvaluator",
      configurations: [config("a").displayName],
      settings: { [config("a").displayName]: { value: "a" } },
    });
    // A test case no suite holds has no runs; no model, no runs.
    const [alone] = await t.api.testCase.edit({
      workflow: WORKFLOW,
      entries: [{ name: "alone", create: true }],
      lines: "",
    });
    expect(await t.api.testCase.runs({ testCaseId: alone!.id, modelIds: [m1.id] })).toEqual([]);
    expect(await t.api.testCase.runs({ testCaseId: tcA!.id, modelIds: [] })).toEqual([]);
  });

  it("counts the samples matching a metric filter and sums the filtered metric over them", async () => {
    const [tcA] = suiteA.testCases;
    const testRun = await run("m");
    const configuration = config("a").displayName;
    const samples = await remaining(testRun.id);
    await t.api.testRun.uploadSampleMetrics({
      testRunId: testRun.id,
      configuration,
      testCaseId: tcA!.id,
      lines: encodeLines(samples.map((s, i) => ({ sampleId: s.id, metrics: { countFN: i % 3 } }))),
    });
    const filter = {
      target: "metrics" as const,
      testRunId: testRun.id,
      configuration,
      path: "countFN",
      op: "gt" as const,
      value: 0,
    };
    const stats = await t.api.testCase.sampleStats({
      testCaseId: tcA!.id,
      filters: [filter],
      sumOf: { testRunId: testRun.id, configuration, path: "countFN" },
    });
    // Of 10 samples, i % 3 is 1 or 2 for 6, adding up to 3 × 1 + 3 × 2.
    expect(stats).toEqual({ count: 6, sum: 9 });
    expect(await t.api.testCase.sampleStats({ testCaseId: tcA!.id })).toEqual({
      count: 10,
      sum: null,
    });
  });
});
