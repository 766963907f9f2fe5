import { defineWorkflow, GroundTruth, Image, Inference, Text } from "@assay/workflow";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { adds, dummyWorkflow, failure, registerDummy, setupApi } from "../testing";

describe("workflow registration", () => {
  it("stores a schema once and versions changes to it", async () => {
    const t = setupApi();
    const first = await registerDummy(t.api);
    expect(first).toMatchObject({
      name: "Dummy Workflow 🤖",
      testSampleType: "TEST_SAMPLE/IMAGE",
      schemaVersion: 1,
    });
    expect((await registerDummy(t.api)).schemaVersion).toBe(1);
    const evolved = defineWorkflow({
      name: "Dummy Workflow 🤖",
      testSample: dummyWorkflow.testSample,
      groundTruth: dummyWorkflow.groundTruth,
      inference: dummyWorkflow.inference.extend({ note: z.string().optional() }),
    });
    expect((await registerDummy(t.api, evolved)).schemaVersion).toBe(2);
    expect(await t.api.workflow.schema({ name: "Dummy Workflow 🤖" })).toEqual(
      evolved.toJSONSchema(),
    );
    expect((await t.api.workflow.list()).map((w) => w.name)).toEqual(["Dummy Workflow 🤖"]);
  });

  it("checks uploads against the current schema", async () => {
    const t = setupApi();
    const strict = defineWorkflow({
      name: "w",
      testSample: Image,
      groundTruth: GroundTruth.extend({ label: z.enum(["cat", "dog"]) }),
      inference: Inference,
    });
    await registerDummy(t.api, strict);
    await t.api.testCase.create({ name: "tc", workflow: "w" });
    const error = await failure(() =>
      t.api.testCase.edit({
        workflow: "w",
        entries: [{ name: "tc", baseVersion: 0 }],
        lines: adds([[{ locator: "a.png" }, { label: "bird" }]]),
      }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", fields: ["lines[0].groundTruth.label"] });
  });

  it("refuses to change the kind of test sample of a workflow that has samples", async () => {
    const t = setupApi();
    const images = defineWorkflow({
      name: "w",
      testSample: Image,
      groundTruth: GroundTruth,
      inference: Inference,
    });
    const texts = defineWorkflow({
      name: "w",
      testSample: Text,
      groundTruth: GroundTruth,
      inference: Inference,
    });
    await registerDummy(t.api, images);
    await t.api.testCase.edit({
      workflow: "w",
      entries: [{ name: "tc", create: true }],
      lines: adds([[{ locator: "a" }, {}]]),
    });
    expect(await failure(() => registerDummy(t.api, texts))).toMatchObject({
      kind: "WORKFLOW_MISMATCH",
    });
  });

  it("refuses a reserved or empty name", async () => {
    const t = setupApi();
    const schema = { ...dummyWorkflow.toJSONSchema(), name: "Detection" };
    expect(await failure(() => t.api.workflow.register(schema))).toMatchObject({
      code: "BAD_REQUEST",
      fields: ["name"],
    });
  });
});
