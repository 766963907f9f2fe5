import { describe, expect, it } from "vitest";

import { adds, dummyGroundTruth, dummySample, failure, registerDummy, setupApi } from "../testing";

const WORKFLOW = "Dummy Workflow 🤖";
const pairs = (indices: number[]) =>
  indices.map((i) => [dummySample(i), dummyGroundTruth(i)] as const);

describe("the audit log", () => {
  it("records each change with its actor, target, and the entity before and after", async () => {
    const t = setupApi();
    await registerDummy(t.api);
    const writer = t.as("write");
    const model = await writer.model.create({ name: "m", workflow: WORKFLOW, tags: ["a"] });
    await writer.model.update({ id: model.id, tags: ["b"], metadata: { lr: 0.1 } });
    await writer.model.list({}); // queries are not changes
    await failure(() => writer.model.update({ id: 999, tags: [] })); // nor are refused calls

    const { items } = await t.api.audit.list({});
    expect(items.map((entry) => entry.action)).toEqual([
      "model.update",
      "model.create",
      "workflow.register",
    ]);
    const [update, create] = items;
    expect(create).toMatchObject({ actor: "test write 2", via: "token", target: "model 'm' (#1)" });
    expect(update).toMatchObject({
      target: "model 'm' (#1)",
      input: { id: model.id, tags: ["b"], metadata: { lr: 0.1 } },
      before: { name: "m", tags: ["a"], metadata: {} },
      after: { name: "m", tags: ["b"], metadata: { lr: 0.1 } },
    });
    expect(items[2]).toMatchObject({ actor: "test admin 1", before: null });
  });

  it("logs an edit by its begin and commit, summarising bulk lines, never its batches", async () => {
    const t = setupApi();
    await registerDummy(t.api);
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    const { editId } = await t.api.testCase.beginEdit({
      workflow: WORKFLOW,
      entries: [{ name: "tc", baseVersion: 0 }],
    });
    await t.api.testCase.appendEdit({ editId, seq: 0, lines: adds(pairs([0, 1, 2])) });
    await t.api.testCase.commitEdit({ editId });
    await t.api.testCase.edit({
      workflow: WORKFLOW,
      entries: [{ name: "tc", baseVersion: 1 }],
      lines: adds(pairs([3, 4])),
    });
    const { items } = await t.api.audit.list({ action: "testCase" });
    expect(items.map((entry) => [entry.action, entry.target])).toEqual([
      ["testCase.edit", "test case 'tc' (#1)"],
      ["testCase.commitEdit", "test case 'tc' (#1)"],
      ["testCase.beginEdit", null],
      ["testCase.create", "test case 'tc' (#1)"],
    ]);
    expect(items[0]?.input).toMatchObject({ lines: "<2 lines>" });
    expect(items[0]?.after).toMatchObject([{ version: 2, sampleCount: 5 }]);
  });

  it("never stores a token, and snapshots a revoked token's record", async () => {
    const t = setupApi();
    const { token } = await t.api.token.create({ name: "ci", scope: "read" });
    await t.api.token.revoke({ name: "ci" });
    const stored = t.db.$client.prepare("SELECT * FROM audit_log").all();
    expect(JSON.stringify(stored)).not.toContain(token.slice(6));
    const { items } = await t.api.audit.list({ action: "token" });
    expect(items[1]).toMatchObject({ action: "token.create", after: { token: "[redacted]" } });
    expect(items[0]).toMatchObject({
      action: "token.revoke",
      before: { name: "ci", scope: "read", revokedAt: null },
      after: { name: "ci", revokedAt: expect.any(String) as string },
    });
  });

  it("is for admins, filters by actor and action, and pages newest first", async () => {
    const t = setupApi();
    for (let i = 0; i < 5; i++) await t.api.workflow.register(registerSchema(i));
    expect(await failure(() => t.as("write").audit.list({}))).toMatchObject({ code: "FORBIDDEN" });
    const first = await t.api.audit.list({ limit: 2, actor: "test admin 1" });
    expect(first.items.map((entry) => entry.id)).toEqual([5, 4]);
    const second = await t.api.audit.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((entry) => entry.id)).toEqual([3, 2]);
    expect((await t.api.audit.list({ actor: "nobody" })).items).toEqual([]);
    expect((await t.api.audit.list({ action: "work" })).items).toEqual([]);
    expect((await t.api.audit.list({ action: "workflow.register" })).items).toHaveLength(5);
  });
});

function registerSchema(i: number) {
  return {
    name: `w${i}`,
    testSampleType: "TEST_SAMPLE/TEXT",
    testSample: { type: "object", properties: { text: { type: "string" } } },
    groundTruth: { type: "object" },
    inference: { type: "object" },
  };
}
