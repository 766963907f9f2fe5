import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  loadResults,
  noOpEvaluator,
  test,
} from "@assay/sdk";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

/** Kolena's test__dataobject_schema_mismatch, adapted: Assay registers each workflow's schema. */
describe("schemas that keep extra fields, and a workflow redefined", () => {
  it("round-trips undeclared fields with loose schemas, nested annotation extras included", async () => {
    const prefix = uniquePrefix();
    const name = `Grab bag ${prefix}`;
    const loose = defineWorkflow({
      name,
      testSample: Image.extend({ value: z.int() }).loose(),
      groundTruth: GroundTruth.extend({ label: z.string(), value: z.int() }).loose(),
      inference: Inference.loose(),
    });
    const samples = [0, 1, 2].map((i) => ({
      locator: `s3://bucket/${prefix}/${i}.png`,
      value: i,
      bbox: {
        topLeft: [i, i],
        bottomRight: [i + 1, i + 1],
        value: i,
        foo: "bar",
        dataType: "ANNOTATION/BOUNDING_BOX",
      },
    }));
    const truths = samples.map((_, i) => ({ label: "cat", value: i, license: "CC BY 4.0" }));
    const tc = await loose.TestCase.create(`${prefix} case`, {
      testSamples: samples.map((s, i) => [s, truths[i]!]),
    });
    const loaded = await tc.loadTestSamples();
    expect(loaded.map(([s]) => s.bbox)).toEqual(samples.map((s) => s.bbox));
    expect(loaded.map(([, g]) => g.license)).toEqual(["CC BY 4.0", "CC BY 4.0", "CC BY 4.0"]);

    const suite = await loose.TestSuite.create(`${prefix} suite`, { testCases: [tc] });
    const model = await loose.Model.create(`${prefix} model`, {
      infer: (sample) => ({
        value: sample.value,
        mask: { label: "cat", source: sample.value, dataType: "ANNOTATION/LABEL" },
      }),
    });
    await test(model, suite, noOpEvaluator);
    const inferences = await model.loadInferences(tc);
    expect(inferences.map(([, , inference]) => inference.mask)).toEqual(
      [0, 1, 2].map((source) => ClassificationLabel.parse({ label: "cat", source })),
    );
    expect((await loadResults(model, suite, { evaluator: noOpEvaluator })).testCases).toHaveLength(
      1,
    );

    // The same workflow name, now declaring fewer fields: the new schema is registered, old data still loads.
    const strict = defineWorkflow({
      name,
      testSample: Image.extend({ value: z.int() }),
      groundTruth: GroundTruth.extend({ label: z.string() }),
      inference: Inference.extend({ value: z.int() }),
    });
    const reloaded = await strict.TestCase.load(tc.name);
    expect((await reloaded.loadTestSamples()).map(([s]) => s.value)).toEqual([0, 1, 2]);
    const strictModel = await strict.Model.load(model.name);
    expect(
      (await strictModel.loadInferences(reloaded)).map(([, , inference]) => inference.value),
    ).toEqual([0, 1, 2]);
  });
});
