import { defineWorkflow, GroundTruth, Inference, TestSample } from "@assay/workflow";
import { decodeLines, encodeLines } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { adds, failure, readAll, registerDummy } from "../testing";
import { config, remaining, run, suiteA, t, useKolenaSuites, WORKFLOW } from "./test-run.fixture";

useKolenaSuites();

describe("results", () => {
  it("store sample, test case and suite metrics and plots per configuration, replacing on re-upload", async () => {
    const testRun = await run("m");
    const [tcA, tcB] = suiteA.testCases;
    const left = await remaining(testRun.id);
    const cfg = config("a").displayName;
    await t.api.testRun.uploadSampleMetrics({
      testRunId: testRun.id,
      configuration: cfg,
      testCaseId: tcA!.id,
      lines: encodeLines(
        left.map((s, i) => ({ sampleId: s.id, metrics: { correct: i % 2 === 0 } })),
      ),
    });
    const plot = {
      title: "p",
      xLabel: "x",
      yLabel: "y",
      curves: [{ x: [0, 1], y: [1, NaN] }],
      dataType: "PLOT/CURVE",
    };
    for (const value of [1, 2]) {
      await t.api.testRun.uploadTestCaseResults({
        testRunId: testRun.id,
        items: [
          {
            testCaseId: tcA!.id,
            configuration: cfg,
            metrics: { accuracy: value, perClass: [{ label: "x", n: 3 }] },
            plots: [plot, plot],
          },
          { testCaseId: tcB!.id, configuration: cfg, metrics: { accuracy: -Infinity } },
        ],
      });
    }
    await t.api.testRun.uploadTestSuiteMetrics({
      testRunId: testRun.id,
      items: [{ configuration: cfg, metrics: { mean: NaN } }],
    });
    const results = await t.api.testRun.results({ testRunId: testRun.id });
    expect(results.testSuite).toEqual([{ configuration: cfg, metrics: { mean: NaN } }]);
    expect(results.testCases).toHaveLength(2);
    expect(results.testCases[0]).toMatchObject({ testCaseId: tcA!.id, metrics: { accuracy: 2 } });
    expect(results.testCases[0]?.plots).toHaveLength(2);
    expect(results.testCases[1]?.metrics).toEqual({ accuracy: -Infinity });
    const sampleMetrics = await readAll((cursor) =>
      t.api.testRun.sampleMetrics({
        testRunId: testRun.id,
        configuration: cfg,
        testCaseId: tcA!.id,
        cursor,
      }),
    );
    expect(sampleMetrics).toHaveLength(10);
  });

  it("refuse unknown configurations, test cases outside the suite, and metrics that break the rules", async () => {
    const testRun = await run("m");
    const [tcA] = suiteA.testCases;
    const outside = await t.api.testCase.create({ name: "outside", workflow: WORKFLOW });
    const item = (overrides: object) => ({
      testCaseId: tcA!.id,
      configuration: config("a").displayName,
      metrics: { a: 1 },
      ...overrides,
    });
    const cases: [object, string][] = [
      [{ configuration: "nope" }, "INCORRECT_USAGE"],
      [{ testCaseId: outside.id }, "INCORRECT_USAGE"],
      [{ metrics: { perClass: [1, 2] } }, "INVALID_INPUT"],
      [{ plots: [{ title: "t", dataType: "PLOT/CURVE" }] }, "INVALID_INPUT"],
    ];
    for (const [overrides, kind] of cases) {
      expect(
        await failure(() =>
          t.api.testRun.uploadTestCaseResults({ testRunId: testRun.id, items: [item(overrides)] }),
        ),
      ).toMatchObject({
        kind,
      });
    }
    expect((await t.api.testRun.results({ testRunId: testRun.id })).testCases).toEqual([]);
  });

  it("build the comparison matrix of models × test cases × configurations", async () => {
    const runs = [await run("m1"), await run("m2")];
    for (const [k, testRun] of runs.entries()) {
      await t.api.testRun.uploadTestCaseResults({
        testRunId: testRun.id,
        items: suiteA.testCases.map((tc, i) => ({
          testCaseId: tc.id,
          configuration: config("a").displayName,
          metrics: { accuracy: k + i / 10 },
        })),
      });
    }
    const matrix = await t.api.result.matrix({
      testSuiteId: suiteA.id,
      modelIds: runs.map((r) => r.modelId),
      configuration: config("a").displayName,
      metrics: ["accuracy"],
    });
    expect(matrix.runs.map((r) => r.id).sort()).toEqual(runs.map((r) => r.id).sort());
    expect(matrix.testCaseIds).toEqual(suiteA.testCases.map((tc) => tc.id));
    const columns = decodeLines(matrix.columns) as { modelId: number; values: number[] }[];
    expect(columns.find((c) => c.modelId === runs[1]!.modelId)?.values).toEqual([1, 1.1, 1.2]);
  });

  it("answer chosen metrics exactly, column by column, and opened rows whole", async () => {
    const testRun = await run("projected");
    const [tcA, tcB] = suiteA.testCases;
    const perClass = [{ label: "cat", f1: NaN }];
    const metrics = {
      accuracy: NaN,
      loss: Infinity,
      gain: -Infinity,
      n: 10,
      'odd "key"': 0.25,
      perClass,
    };
    const configuration = config("a").displayName;
    await t.api.testRun.uploadTestCaseResults({
      testRunId: testRun.id,
      items: [
        { testCaseId: tcA!.id, configuration, metrics },
        { testCaseId: tcB!.id, configuration, metrics: { n: 3 } },
      ],
    });
    const scope = { testSuiteId: suiteA.id, modelIds: [testRun.modelId], configuration };
    expect((await t.api.result.metricNames(scope)).map((entry) => entry.name).sort()).toEqual([
      "accuracy",
      "gain",
      "loss",
      "n",
      'odd "key"',
    ]);
    const chosen = ["accuracy", "loss", "gain", 'odd "key"', "perClass", "missing"];
    const matrix = await t.api.result.matrix({ ...scope, metrics: chosen });
    const byMetric = Object.fromEntries(
      (decodeLines(matrix.columns) as { metric: string; values: unknown[] }[]).map((c) => [
        c.metric,
        c.values.slice(0, 2),
      ]),
    );
    expect(byMetric).toEqual({
      accuracy: [NaN, null],
      loss: [Infinity, null],
      gain: [-Infinity, null],
      'odd "key"': [0.25, null],
      perClass: [perClass, null],
      missing: [null, null],
    });
    const page = await t.api.result.matrix({ ...scope, metrics: ["n"], testCaseIds: [tcB!.id] });
    expect(page.testCaseIds).toEqual([tcB!.id]);
    expect(decodeLines(page.columns)).toMatchObject([{ metric: "n", values: [3] }]);

    // Replaced metrics replace their fields.
    await t.api.testRun.uploadTestCaseResults({
      testRunId: testRun.id,
      items: [{ testCaseId: tcB!.id, configuration, metrics: { accuracy: 0.5 } }],
    });
    const again = await t.api.result.matrix({
      ...scope,
      metrics: ["n", "accuracy"],
      testCaseIds: [tcB!.id],
    });
    expect(decodeLines(again.columns)).toMatchObject([
      { metric: "n", values: [null] },
      { metric: "accuracy", values: [0.5] },
    ]);

    const opened = await t.api.result.cells({ ...scope, testCaseIds: [tcA!.id] });
    expect(decodeLines(opened.lines)).toEqual([
      { modelId: testRun.modelId, testCaseId: tcA!.id, metrics },
    ]);
  });
});

describe("sample filters", () => {
  it("filter a test case by metadata, ground truth, inference and metrics fields", async () => {
    const testRun = await run("m");
    const all = await remaining(testRun.id);
    await t.api.testRun.uploadInferences({
      testRunId: testRun.id,
      lines: encodeLines(
        all.map((s) => ({
          sampleId: s.id,
          inference: { score: s.testSample.locator.includes("/7.") ? 0.9 : 0.1 },
        })),
      ),
    });
    const tcA = suiteA.testCases[0]!;
    const locators = async (filters: object[]) =>
      (
        await readAll((cursor) =>
          t.api.testCase.samples({ testCaseId: tcA.id, filters: filters as never, cursor }),
        )
      ).map((line) =>
        (line as { testSample: { locator: string } }).testSample.locator.split("/").at(-1),
      );
    expect(await locators([{ target: "metadata", path: "extra", op: "gte", value: 8 }])).toEqual([
      "8.png",
      "9.png",
    ]);
    expect(
      await locators([{ target: "groundTruth", path: "label", op: "contains", value: "TRUTH 1" }]),
    ).toEqual(["1.png"]);
    expect(
      await locators([{ target: "testSample", path: "bbox.area", op: "eq", value: 200 }]),
    ).toHaveLength(10);
    expect(
      await locators([
        { target: "inference", modelId: testRun.modelId, path: "score", op: "gt", value: 0.5 },
      ]),
    ).toEqual(["7.png"]);
    expect(
      await locators([
        { target: "metadata", path: "extra", op: "in", value: [1, 2, 3] },
        { target: "groundTruth", path: "value", op: "ne", value: 2 },
      ]),
    ).toEqual(["1.png", "3.png"]);
    expect(
      await failure(() => locators([{ target: "inference", path: "score", op: "gt", value: 1 }])),
    ).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("non-finite values (Kolena's nan_workflow)", () => {
  it("round-trip through samples, ground truths, inferences and metrics", async () => {
    const workflow = defineWorkflow({
      name: "nan_workflow",
      testSample: TestSample.extend({ value: z.number() }),
      groundTruth: GroundTruth.extend({ value: z.number() }),
      inference: Inference.extend({ value: z.number() }),
    });
    await registerDummy(t.api, workflow);
    const values = [-Infinity, Infinity, NaN];
    const [tc] = await t.api.testCase.edit({
      workflow: "nan_workflow",
      entries: [{ name: "nan", create: true }],
      lines: adds(values.map((value) => [{ value }, { value }])),
    });
    const suite = await t.api.testSuite.create({ name: "nan suite", workflow: "nan_workflow" });
    const edited = await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 0,
      testCaseIds: [tc!.id],
    });
    const model = await t.api.model.create({ name: "nan model", workflow: "nan_workflow" });
    const testRun = await t.api.testRun.createOrRetrieve({
      modelId: model.id,
      testSuiteId: edited.id,
    });
    const left = await remaining(testRun.id);
    await t.api.testRun.uploadInferences({
      testRunId: testRun.id,
      lines: encodeLines(
        left.map((s) => ({
          sampleId: s.id,
          inference: { value: (s.testSample as unknown as { value: number }).value },
        })),
      ),
    });
    await t.api.testRun.uploadTestCaseResults({
      testRunId: testRun.id,
      items: [{ testCaseId: tc!.id, metrics: { min: -Infinity, max: NaN, avg: NaN } }],
    });
    const triples = (await readAll((cursor) =>
      t.api.model.inferences({ modelId: model.id, testCaseId: tc!.id, cursor }),
    )) as {
      testSample: { value: number };
      groundTruth: { value: number };
      inference: { value: number };
    }[];
    expect(
      triples.map((x) => [x.testSample.value, x.groundTruth.value, x.inference.value]),
    ).toEqual(values.map((v) => [v, v, v]));
    expect((await t.api.testRun.results({ testRunId: testRun.id })).testCases[0]?.metrics).toEqual({
      min: -Infinity,
      max: NaN,
      avg: NaN,
    });
  });
});

describe("result.metricFields", () => {
  it("types the runs' per-sample metric fields from their samples, a null on one not hiding the field", async () => {
    const testRun = await run("fields");
    const [tcA] = suiteA.testCases;
    const left = await remaining(testRun.id);
    const configuration = config("a").displayName;
    await t.api.testRun.uploadSampleMetrics({
      testRunId: testRun.id,
      configuration,
      testCaseId: tcA!.id,
      lines: encodeLines(
        left.map((s, i) => ({
          sampleId: s.id,
          metrics: { correct: i % 2 === 0, score: i === 0 ? null : i / 10, label: "cat", rows: [] },
        })),
      ),
    });
    const scope = { testSuiteId: suiteA.id, modelIds: [testRun.modelId], configuration };
    const answer = await t.api.result.metricFields(scope);
    expect(answer.sampleFields).toEqual({
      correct: "boolean",
      score: "number",
      label: "string",
      rows: "list",
    });
    expect(answer.meanings).toEqual({});
  });
});
