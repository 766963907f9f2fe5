import { defineWorkflow, GroundTruth, Inference, Text } from "@assay/workflow";
import { beforeEach, describe, expect, it } from "vitest";

import type { TestApi } from "../testing";
import { failure, registerDummy, setupApi } from "../testing";

const otherWorkflow = defineWorkflow({
  name: "Other",
  testSample: Text,
  groundTruth: GroundTruth,
  inference: Inference,
});

let t: TestApi;
beforeEach(async () => {
  t = setupApi();
  await registerDummy(t.api);
});

describe("model router", () => {
  it("creates a model with metadata and tags, and refuses the name twice", async () => {
    const model = await t.api.model.create({
      name: "m",
      workflow: "Dummy Workflow 🤖",
      metadata: { a: "b", nested: { lr: 0.001 }, missing: NaN },
      tags: ["d", "c"],
    });
    expect(model).toMatchObject({ name: "m", workflow: "Dummy Workflow 🤖", tags: ["c", "d"] });
    expect(model.metadata).toEqual({ a: "b", nested: { lr: 0.001 }, missing: NaN });
    const again = await failure(() =>
      t.api.model.create({ name: "m", workflow: "Dummy Workflow 🤖" }),
    );
    expect(again).toMatchObject({ code: "CONFLICT", kind: "NAME_CONFLICT" });
  });

  it("keeps names unique across workflows and reports a workflow mismatch on load", async () => {
    await registerDummy(t.api, otherWorkflow);
    await t.api.model.create({ name: "shared", workflow: "Other" });
    expect(
      await failure(() => t.api.model.create({ name: "shared", workflow: "Dummy Workflow 🤖" })),
    ).toMatchObject({
      kind: "NAME_CONFLICT",
    });
    expect(
      await failure(() => t.api.model.load({ name: "shared", workflow: "Dummy Workflow 🤖" })),
    ).toMatchObject({
      kind: "WORKFLOW_MISMATCH",
      message: expect.stringContaining("'Other'") as string,
    });
  });

  it("loads by name, and says what is missing", async () => {
    await t.api.model.create({ name: "m", workflow: "Dummy Workflow 🤖", metadata: { a: 1 } });
    expect(await t.api.model.load({ name: "m" })).toMatchObject({
      name: "m",
      metadata: { a: 1 },
      tags: [],
    });
    expect(await failure(() => t.api.model.load({ name: "nope" }))).toMatchObject({
      code: "NOT_FOUND",
      message: "no model named 'nope'",
    });
  });

  it("refuses empty names and unregistered workflows", async () => {
    expect(
      await failure(() => t.api.model.create({ name: "  ", workflow: "Dummy Workflow 🤖" })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      fields: ["name"],
    });
    expect(
      await failure(() => t.api.model.create({ name: "m", workflow: "unknown" })),
    ).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("not registered") as string,
    });
  });

  it("lists a workflow's models in creation order, filtered by every given tag (load_all)", async () => {
    await registerDummy(t.api, otherWorkflow);
    const m1 = await t.api.model.create({
      name: "m1",
      workflow: "Dummy Workflow 🤖",
      tags: ["t1", "t12"],
    });
    const m2 = await t.api.model.create({
      name: "m2",
      workflow: "Dummy Workflow 🤖",
      tags: ["t2", "t12"],
    });
    const m3 = await t.api.model.create({ name: "m3", workflow: "Dummy Workflow 🤖" });
    await t.api.model.create({ name: "other", workflow: "Other", tags: ["t1", "t2", "t12"] });
    const names = async (tags?: string[]) =>
      (await t.api.model.list({ workflow: "Dummy Workflow 🤖", tags })).items.map((m) => m.name);
    expect(await names()).toEqual([m1.name, m2.name, m3.name]);
    expect(await names(["t12"])).toEqual(["m1", "m2"]);
    expect(await names(["t1", "t12"])).toEqual(["m1"]);
    expect(await names(["does_not_exist"])).toEqual([]);
  });

  it("searches, filters on metadata, sorts and pages with a cursor", async () => {
    for (let i = 0; i < 25; i++) {
      await t.api.model.create({
        name: `model-${String(i).padStart(2, "0")}`,
        workflow: "Dummy Workflow 🤖",
        metadata: { framework: i % 2 === 0 ? "onnx" : "torch", size: i, tuned: i % 5 === 0 },
        tags: i % 3 === 0 ? ["baseline"] : [],
      });
    }
    const { items } = await t.api.model.list({
      metadata: [{ path: "framework", op: "eq", value: "onnx" }],
      limit: 100,
    });
    expect(items).toHaveLength(13);
    const big = await t.api.model.list({
      tags: ["baseline"],
      metadata: [{ path: "size", op: "gte", value: 10 }],
      sort: "-name",
    });
    expect(big.items.map((m) => m.name)).toEqual([
      "model-24",
      "model-21",
      "model-18",
      "model-15",
      "model-12",
    ]);
    const tuned = await t.api.model.list({ metadata: [{ path: "tuned", op: "eq", value: true }] });
    expect(tuned.items.map((m) => m.name)).toEqual([
      "model-00",
      "model-05",
      "model-10",
      "model-15",
      "model-20",
    ]);
    expect((await t.api.model.list({ search: "EL-2" })).items).toHaveLength(5);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof t.api.model.list>> = await t.api.model.list({
        sort: "name",
        limit: 10,
        cursor,
      });
      pages.push(page.items.map((m) => m.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual([...pages.flat()].sort());
  });

  it("renames (uniquely) and replaces metadata and tags", async () => {
    const a = await t.api.model.create({
      name: "a",
      workflow: "Dummy Workflow 🤖",
      metadata: { x: 1 },
      tags: ["old"],
    });
    await t.api.model.create({ name: "b", workflow: "Dummy Workflow 🤖" });
    const updated = await t.api.model.update({
      id: a.id,
      name: "a2",
      metadata: { y: [1, 2] },
      tags: ["new"],
    });
    expect(updated).toMatchObject({ name: "a2", metadata: { y: [1, 2] }, tags: ["new"] });
    expect(await failure(() => t.api.model.update({ id: a.id, name: "b" }))).toMatchObject({
      kind: "NAME_CONFLICT",
    });
    expect((await t.api.model.get({ id: a.id })).name).toBe("a2");
  });
});
