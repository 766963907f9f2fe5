import type { JsonValue } from "@assay/workflow";
import { describe, expect, it } from "vitest";

import { adds, dummyGroundTruth, dummySample, failure, readAll, removes } from "../testing";
import {
  contents,
  edit,
  expected,
  gt,
  pairs,
  t,
  ts,
  useDummyStore,
  WORKFLOW,
} from "./test-case.fixture";

useDummyStore();

describe("test case router", () => {
  it("creates version 0 empty, refuses the name twice, and loads by name and version", async () => {
    const created = await t.api.testCase.create({
      name: "tc",
      workflow: WORKFLOW,
      description: "d",
    });
    expect(created).toMatchObject({
      name: "tc",
      version: 0,
      description: "d",
      sampleCount: 0,
      workflow: WORKFLOW,
    });
    expect(
      await failure(() => t.api.testCase.create({ name: "tc", workflow: WORKFLOW })),
    ).toMatchObject({
      code: "CONFLICT",
      kind: "NAME_CONFLICT",
    });
    expect(await t.api.testCase.load({ name: "tc" })).toEqual(created);
    expect(await failure(() => t.api.testCase.load({ name: "missing" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await failure(() => t.api.testCase.load({ name: "tc", version: 123 }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("edits into a new version with its own id, keeping old versions loadable", async () => {
    const v0 = await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    const v1 = await edit("tc", adds(pairs([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])), {
      description: "all ten",
    });
    expect(v1).toMatchObject({ version: 1, sampleCount: 10, description: "all ten" });
    expect(v1.id).not.toBe(v0.id);
    expect(await contents(v1.id)).toEqual(expected([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(await contents(v0.id)).toEqual([]);
    expect((await t.api.testCase.load({ name: "tc", version: 0 })).id).toBe(v0.id);
    expect(
      (await t.api.testCase.versions({ testCaseId: v1.testCaseId })).map((v) => v.version),
    ).toEqual([0, 1]);
  });

  it("returns metadata and ground truths with every sample, and NaN exactly", async () => {
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    const weird = { ...dummySample(42), metadata: { x: NaN, y: -Infinity, z: null } };
    const record = await edit("tc", adds([[weird, { label: "nan", value: 1 }]]));
    const [line] = (await readAll((cursor) =>
      t.api.testCase.samples({ testCaseId: record.id, cursor }),
    )) as {
      testSample: Record<string, JsonValue>;
      metadata: Record<string, JsonValue>;
      groundTruth: JsonValue;
    }[];
    expect(line?.metadata).toEqual({ x: NaN, y: -Infinity, z: null });
    expect(line?.testSample).toMatchObject({
      locator: weird.locator,
      dataType: "TEST_SAMPLE/IMAGE",
    });
    expect(line?.testSample.bbox).toMatchObject({ width: 10, height: 20, area: 200 });
    expect(line?.testSample).not.toHaveProperty("metadata");
    expect(line?.groundTruth).toEqual({ label: "nan", value: 1 });
  });

  it("upserts ground truths: within an edit the last add wins, and a sample keeps its place", async () => {
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    const v1 = await edit("tc", adds([...pairs([0], [0]), ...pairs([0], [1])]));
    expect(await contents(v1.id)).toEqual(expected([0], [1]));
    const v2 = await edit("tc", adds(pairs([0], [2])));
    expect(await contents(v2.id)).toEqual(expected([0], [2]));
    const v3 = await edit("tc", adds([...pairs([1]), ...pairs([0], [3])]));
    expect(await contents(v3.id)).toEqual(expected([0, 1], [3, 1]));
    expect(await contents(v2.id)).toEqual(expected([0], [2]));
  });

  it("removes in order, and a removed then re-added sample moves to the end", async () => {
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    await edit("tc", adds(pairs([0, 1])));
    const v2 = await edit("tc", removes([ts[0]]) + "\n" + adds(pairs([2], [0])));
    expect(v2.version).toBe(2);
    expect(await contents(v2.id)).toEqual(expected([1, 2], [1, 0]));
    const v3 = await edit("tc", [removes([ts[0], ts[1], ts[1]]), adds(pairs([1], [2]))].join("\n"));
    expect(v3.version).toBe(3);
    expect(await contents(v3.id)).toEqual(expected([2, 1], [0, 2]));
  });

  it("resets to exactly the samples given", async () => {
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW, description: "kept" });
    await edit("tc", adds(pairs([0, 1])));
    const v2 = await edit("tc", adds([...pairs([2]), ...pairs([1], [3])]), { reset: true });
    expect(v2).toMatchObject({ version: 2, sampleCount: 2, description: "kept" });
    expect(await contents(v2.id)).toEqual(expected([2, 1], [2, 3]));
  });

  it("creates no version for an edit that changes nothing", async () => {
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    const v1 = await edit("tc", adds(pairs([0, 1])));
    const cases = [
      "",
      adds(pairs([0])), // same ground truth
      removes([ts[5]]), // absent
      adds(pairs([5])) + "\n" + removes([ts[5]]), // added then removed
      adds(pairs([0], [9])) + "\n" + adds(pairs([0], [0])), // upserted and back
    ];
    for (const lines of cases) {
      expect((await edit("tc", lines)).version).toBe(1);
    }
    expect((await edit("tc", adds(pairs([0, 1])), { reset: true })).version).toBe(1);
    expect(await contents(v1.id)).toEqual(expected([0, 1]));
    // A description alone is a change.
    expect((await edit("tc", "", { description: "new" })).version).toBe(2);
  });

  it("rejects an edit of a stale version and changes nothing", async () => {
    const v0 = await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    await edit("tc", adds(pairs([0])));
    const stale = await failure(() =>
      t.api.testCase.edit({
        workflow: WORKFLOW,
        entries: [{ name: "tc", baseVersion: v0.version }],
        lines: adds(pairs([1])),
      }),
    );
    expect(stale).toMatchObject({ code: "CONFLICT", kind: "STALE_VERSION" });
    expect(stale.message).toContain("is at version 1, not 0");
    expect((await t.api.testCase.load({ name: "tc" })).sampleCount).toBe(1);
  });

  it("rejects a batch with any bad line, naming it, and keeps nothing of it", async () => {
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    const bad = [adds(pairs([0])), adds([[{ ...ts[1], value: "one" }, gt[1]]])].join("\n");
    const error = await failure(() => edit("tc", bad));
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      kind: "INVALID_INPUT",
      fields: ["lines[1].testSample.value"],
    });
    const noGroundTruth = await failure(() =>
      edit("tc", removes([ts[0]]).replace('"remove"', '"add"')),
    );
    expect(noGroundTruth).toMatchObject({ kind: "INCORRECT_USAGE" });
    const badGroundTruth = await failure(() => edit("tc", adds([[ts[0], { label: 1 }]])));
    expect(badGroundTruth.fields).toEqual([
      "lines[0].groundTruth.label",
      "lines[0].groundTruth.value",
    ]);
    expect(await failure(() => edit("tc", "{not json"))).toMatchObject({
      code: "BAD_REQUEST",
      fields: ["lines[0]"],
    });
    expect(await t.api.testCase.load({ name: "tc" })).toMatchObject({ version: 0, sampleCount: 0 });
    expect(t.db.$client.prepare("SELECT count(*) FROM test_samples").pluck().get()).toBe(0);
  });

  it("stores each sample once and merges its metadata key by key", async () => {
    await t.api.testCase.create({ name: "a", workflow: WORKFLOW });
    await t.api.testCase.create({ name: "b", workflow: WORKFLOW });
    const sample = dummySample(1);
    await edit("a", adds([[{ ...sample, metadata: { extra: 1, source: "cam" } }, gt[1]]]));
    const b = await edit(
      "b",
      adds([[{ ...sample, metadata: { extra: 2, split: "test" } }, gt[2]]]),
    );
    expect(t.db.$client.prepare("SELECT count(*) FROM test_samples").pluck().get()).toBe(1);
    const [line] = (await readAll((cursor) =>
      t.api.testCase.samples({ testCaseId: b.id, cursor }),
    )) as {
      metadata: unknown;
    }[];
    expect(line?.metadata).toEqual({ extra: 2, source: "cam", split: "test" });
  });

  it("writes about one row for a one-sample edit of a large test case", async () => {
    await t.api.testCase.create({ name: "big", workflow: WORKFLOW });
    const many = Array.from(
      { length: 2000 },
      (_, i) => [dummySample(i, "big"), dummyGroundTruth(i)] as const,
    );
    await edit("big", adds(many));
    const rows = () =>
      t.db.$client.prepare("SELECT count(*) FROM test_case_members").pluck().get() as number;
    const before = rows();
    const v2 = await edit("big", adds([[dummySample(5000, "big"), gt[0]]]));
    expect(rows() - before).toBe(1);
    const v3 = await edit("big", removes([dummySample(7, "big")]));
    expect(rows() - before).toBe(1);
    const v4 = await edit("big", adds([[dummySample(9, "big"), gt[1]]]));
    expect(rows() - before).toBe(2); // an upsert closes the old row and adds one
    expect([v2.sampleCount, v3.sampleCount, v4.sampleCount]).toEqual([2001, 2000, 2000]);
  });
});

describe("init many (one atomic edit of several test cases)", () => {
  it("creates new test cases at version 1 with samples and 0 without", async () => {
    const records = await t.api.testCase.edit({
      workflow: WORKFLOW,
      entries: [
        { name: "n1", create: true },
        { name: "n2", create: true },
        { name: "n3", create: true },
      ],
      lines: [adds(pairs([0, 1, 2]), "n1"), adds(pairs([4, 5, 6, 7, 8]), "n2")].join("\n"),
    });
    expect(records.map((r) => [r.name, r.version, r.description, r.sampleCount])).toEqual([
      ["n1", 1, "", 3],
      ["n2", 1, "", 5],
      ["n3", 0, "", 0],
    ]);
    expect(await contents(records[1]!.id)).toEqual(expected([4, 5, 6, 7, 8]));
  });

  it("resets existing ones, keeping their descriptions", async () => {
    for (const [name, description, indices] of [
      ["n1", "desc 1", []],
      ["n2", "desc 2", [0, 1, 2]],
      ["n3", "desc 3", [3, 4, 5]],
    ] as const) {
      await t.api.testCase.create({ name, workflow: WORKFLOW, description });
      if (indices.length > 0) await edit(name, adds(pairs([...indices])));
    }
    const records = await t.api.testCase.edit({
      workflow: WORKFLOW,
      entries: ["n1", "n2", "n3"].map((name) => ({ name, reset: true })),
      lines: [
        adds(pairs([0, 1, 2]), "n1"),
        adds(pairs([3, 4, 5]), "n2"),
        adds(pairs([6, 7, 8]), "n3"),
      ].join("\n"),
    });
    expect(records.map((r) => [r.version, r.description])).toEqual([
      [1, "desc 1"],
      [2, "desc 2"],
      [2, "desc 3"],
    ]);
    expect(await contents(records[2]!.id)).toEqual(expected([6, 7, 8]));
  });

  it("is atomic: one failure leaves every test case as it was", async () => {
    await t.api.testCase.create({ name: "existing", workflow: WORKFLOW });
    const error = await failure(() =>
      t.api.testCase.edit({
        workflow: WORKFLOW,
        entries: [
          { name: "fresh", create: true },
          { name: "existing", baseVersion: 0 },
        ],
        lines: [adds(pairs([0]), "fresh"), adds([[ts[1], { label: "x" }]], "existing")].join("\n"),
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(await failure(() => t.api.testCase.load({ name: "fresh" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await t.api.testCase.load({ name: "existing" })).version).toBe(0);
  });

  it("refuses duplicate names in one edit", async () => {
    const error = await failure(() =>
      t.api.testCase.edit({
        workflow: WORKFLOW,
        entries: [
          { name: "a", create: true },
          { name: "a", create: true },
        ],
      }),
    );
    expect(error).toMatchObject({
      kind: "INCORRECT_USAGE",
      message: "Multiple edits to the same test case: 'a'",
    });
  });
});
