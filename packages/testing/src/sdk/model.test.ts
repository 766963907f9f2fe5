import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import {
  defineWorkflow,
  GroundTruth,
  InputValidationError,
  Inference,
  NameConflictError,
  NotFoundError,
  Text,
  WorkflowMismatchError,
} from "@assay/sdk";
import { TestRun } from "@assay/sdk";
import { byLocator, dummy, dummyGroundTruths, dummySamples } from "../dummy";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

const { Model, TestCase, TestSuite } = dummy;
const other = defineWorkflow({
  name: "Other Workflow",
  testSample: Text,
  groundTruth: GroundTruth,
  inference: Inference.extend({ note: z.string().optional() }),
});

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

describe("Model", () => {
  it("creates with metadata and tags, and refuses the name twice", async () => {
    const name = `${uniquePrefix()} model`;
    const model = await Model.create(name, {
      infer: () => ({ score: 1 }),
      metadata: { a: "b" },
      tags: ["c", "d"],
    });
    expect(model.workflow).toBe(dummy.workflow);
    expect([model.name, model.metadata, model.tags]).toEqual([
      name,
      { a: "b" },
      new Set(["c", "d"]),
    ]);
    await expect(Model.create(name)).rejects.toBeInstanceOf(NameConflictError);
  });

  it("loads, and says when a model is missing", async () => {
    const name = `${uniquePrefix()} model`;
    await expect(Model.load(name)).rejects.toBeInstanceOf(NotFoundError);
    await Model.create(name, { metadata: { x: 1 }, tags: ["t"] });
    const loaded = await Model.load(name);
    expect([loaded.name, loaded.metadata, loaded.tags]).toEqual([name, { x: 1 }, new Set(["t"])]);
  });

  it("loads all of a workflow's models by every tag, in creation order", async () => {
    const prefix = uniquePrefix();
    const [t1, t2, t12] = [`${prefix} t1`, `${prefix} t2`, `${prefix} t12`];
    const m1 = await Model.create(`${prefix} m1`, { tags: [t1, t12] });
    const m2 = await Model.create(`${prefix} m2`, { tags: [t2, t12] });
    await other.Model.create(`${prefix} other`, { tags: [t1, t2, t12] });
    const names = async (tags: string[]) => (await Model.loadAll({ tags })).map((m) => m.name);
    expect(await names([t12])).toEqual([m1.name, m2.name]);
    expect(await names([t1, t12])).toEqual([m1.name]);
    expect(await names([`${prefix} does_not_exist`])).toEqual([]);
    const all = (await Model.loadAll()).map((m) => m.name);
    expect(all.indexOf(m1.name)).toBeLessThan(all.indexOf(m2.name));
    expect(all).not.toContain(`${prefix} other`);
  });

  it("refuses a model of another workflow", async () => {
    const name = `${uniquePrefix()} foreign`;
    await other.Model.create(name);
    await expect(Model.init(name)).rejects.toBeInstanceOf(WorkflowMismatchError);
    await expect(Model.load(name)).rejects.toThrow(/belongs to workflow 'Other Workflow'/);
  });

  it("init creates, then loads keeping stored metadata and tags", async () => {
    const name = `${uniquePrefix()} model`;
    const created = await Model.init(name, { metadata: { a: 1 }, tags: ["x"] });
    expect(created.metadata).toEqual({ a: 1 });
    const again = await Model.init(name, { metadata: { a: 13 }, tags: ["e"] });
    expect([again.id, again.metadata, again.tags]).toEqual([created.id, { a: 1 }, new Set(["x"])]);
    expect((await Model.init(`${uniquePrefix()} plain`)).metadata).toEqual({});
  });

  it("init warns only when the stored metadata differs, whatever the key order", async () => {
    const name = `${uniquePrefix()} ordered`;
    await Model.init(name, { metadata: { zeta: 1, alpha: { y: 2, x: 1 } } });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await Model.init(name, { metadata: { alpha: { x: 1, y: 2 }, zeta: 1 } });
      expect(warn).not.toHaveBeenCalled();
      await Model.init(name, { metadata: { zeta: 2 } });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/stored metadata/));
    } finally {
      warn.mockRestore();
    }
  });

  it("refuses a blank name before any request", async () => {
    await expect(Model.init(" ")).rejects.toBeInstanceOf(InputValidationError);
  });

  it("updates name, metadata and tags", async () => {
    const model = await Model.create(`${uniquePrefix()} a`, { metadata: { v: 1 } });
    const renamed = `${uniquePrefix()} b`;
    await model.update({ name: renamed, metadata: { v: 2, nested: { ok: true } }, tags: ["new"] });
    const loaded = await Model.load(renamed);
    expect([loaded.id, loaded.metadata, loaded.tags]).toEqual([
      model.id,
      { v: 2, nested: { ok: true } },
      new Set(["new"]),
    ]);
  });

  it("loads inferences: none for an untested model, then every tested sample with its ground truth", async () => {
    const prefix = uniquePrefix();
    const samples = dummySamples(prefix);
    const truths = dummyGroundTruths();
    const tcA = await TestCase.create(`${prefix} A`, {
      testSamples: samples.map((s, i) => [s, truths[i]!]),
    });
    const tcB = await TestCase.create(`${prefix} B`, {
      testSamples: samples.slice(0, 5).map((s, i) => [s, truths[i]!]),
    });
    const suite = await TestSuite.create(`${prefix} suite`, { testCases: [tcA, tcB] });
    const score = (locator: string) => Number(/(\d+)\.png$/.exec(locator)?.[1]) / 10;
    const model = await Model.create(`${prefix} model`, {
      infer: (sample) => ({ score: score(sample.locator) }),
    });
    expect(await model.loadInferences(tcA)).toEqual([]);
    await (await TestRun.init(model, suite)).run();
    const triples = await model.loadInferences(tcA);
    expect(byLocator(triples.map(([sample]) => sample))).toEqual(
      byLocator(samples.map((s) => dummy.workflow.parseTestSample(s))),
    );
    for (const [sample, groundTruth, inference] of triples) {
      expect(groundTruth).toEqual(truths[sample.value]);
      expect(inference).toEqual({ score: score(sample.locator) });
      expect(sample.metadata).toEqual({ extra: sample.value });
    }
    expect(await model.loadInferences(tcB)).toHaveLength(5);
  });
});
