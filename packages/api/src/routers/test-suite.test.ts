import { defineWorkflow, GroundTruth, Inference, Text } from "@assay/workflow";
import { beforeEach, describe, expect, it } from "vitest";

import type { TestApi } from "../testing";
import { adds, dummyGroundTruth, dummySample, failure, registerDummy, setupApi } from "../testing";

const WORKFLOW = "Dummy Workflow 🤖";
let t: TestApi;

beforeEach(async () => {
  t = setupApi();
  await registerDummy(t.api);
});

/** Three versions of one test case: v0 empty, v1 with sample 0, v2 with samples 0 and 1. */
async function testCaseVersions(name = "tc") {
  const v0 = await t.api.testCase.create({ name, workflow: WORKFLOW });
  const [v1] = await t.api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name, baseVersion: 0 }],
    lines: adds([[dummySample(0), dummyGroundTruth(0)]]),
  });
  const [v2] = await t.api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name, baseVersion: 1 }],
    lines: adds([[dummySample(1), dummyGroundTruth(1)]]),
  });
  return [v0, v1!, v2!] as const;
}

const ids = (suite: { testCases: { id: number }[] }) => suite.testCases.map((tc) => tc.id);

describe("test suite router", () => {
  it("creates version 0 with an exact description, and loads it back equal", async () => {
    const description = "A\n\tlong\ndescription including special characters! 🎉";
    const suite = await t.api.testSuite.create({ name: "s", workflow: WORKFLOW, description });
    expect(suite).toMatchObject({
      name: "s",
      version: 0,
      description,
      testCases: [],
      workflow: WORKFLOW,
    });
    expect(await t.api.testSuite.load({ name: "s" })).toEqual(suite);
    expect(
      await failure(() => t.api.testSuite.create({ name: "s", workflow: WORKFLOW })),
    ).toMatchObject({
      kind: "NAME_CONFLICT",
    });
  });

  it("bumps the version only when the list of test case versions changes", async () => {
    const [v0, v1] = await testCaseVersions();
    const suite = await t.api.testSuite.create({ name: "s", workflow: WORKFLOW });
    const described = await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 0,
      description: "new description",
      tags: ["a", "b"],
    });
    expect(described).toMatchObject({
      version: 0,
      description: "new description",
      tags: ["a", "b"],
    });
    const edited = await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 0,
      testCaseIds: [v0.id],
    });
    expect(edited.version).toBe(1);
    expect(ids(edited)).toEqual([v0.id]);
    const same = await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 1,
      testCaseIds: [v0.id],
    });
    expect(same.version).toBe(1);
    const replaced = await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 1,
      testCaseIds: [v1.id],
    });
    expect(replaced).toMatchObject({ version: 2 });
    expect(ids(replaced)).toEqual([v1.id]);
    // Old versions keep their test cases; description and tags are the suite's current ones.
    const first = await t.api.testSuite.load({ name: "s", version: 1 });
    expect(ids(first)).toEqual([v0.id]);
    expect(first).toMatchObject({ description: "new description", tags: ["a", "b"] });
    expect((await t.api.testSuite.load({ name: "s", version: 0 })).testCases).toEqual([]);
  });

  it("orders test cases as given and holds one version of each", async () => {
    const [, v1, v2] = await testCaseVersions("a");
    const [other] = await testCaseVersions("b");
    const suite = await t.api.testSuite.create({ name: "s", workflow: WORKFLOW });
    const edited = await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 0,
      testCaseIds: [other.id, v2.id],
    });
    expect(edited.testCases.map((tc) => [tc.name, tc.version])).toEqual([
      ["b", 0],
      ["a", 2],
    ]);
    const twice = await failure(() =>
      t.api.testSuite.edit({
        testSuiteId: suite.testSuiteId,
        baseVersion: 1,
        testCaseIds: [v1.id, v2.id],
      }),
    );
    expect(twice).toMatchObject({
      kind: "INCORRECT_USAGE",
      message: expect.stringContaining("'a' appears twice") as string,
    });
  });

  it("rejects a stale edit and changes nothing", async () => {
    const [v0] = await testCaseVersions();
    const suite = await t.api.testSuite.create({ name: "s", workflow: WORKFLOW });
    await t.api.testSuite.edit({
      testSuiteId: suite.testSuiteId,
      baseVersion: 0,
      testCaseIds: [v0.id],
    });
    const stale = await failure(() =>
      t.api.testSuite.edit({
        testSuiteId: suite.testSuiteId,
        baseVersion: 0,
        testCaseIds: [],
        description: "x",
      }),
    );
    expect(stale).toMatchObject({ code: "CONFLICT", kind: "STALE_VERSION" });
    expect(await t.api.testSuite.load({ name: "s" })).toMatchObject({
      version: 1,
      description: "",
    });
  });

  it("reports a missing name or version as not found", async () => {
    await t.api.testSuite.create({ name: "s", workflow: WORKFLOW });
    expect(await failure(() => t.api.testSuite.load({ name: "s", version: 123 }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await failure(() => t.api.testSuite.load({ name: "x" }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses test cases of another workflow, and loading across workflows", async () => {
    const other = defineWorkflow({
      name: "Other",
      testSample: Text,
      groundTruth: GroundTruth,
      inference: Inference,
    });
    await registerDummy(t.api, other);
    const foreign = await t.api.testCase.create({ name: "foreign", workflow: "Other" });
    const suite = await t.api.testSuite.create({ name: "s", workflow: WORKFLOW });
    const error = await failure(() =>
      t.api.testSuite.edit({
        testSuiteId: suite.testSuiteId,
        baseVersion: 0,
        testCaseIds: [foreign.id],
      }),
    );
    expect(error).toMatchObject({ kind: "WORKFLOW_MISMATCH" });
    expect(
      await failure(() => t.api.testSuite.load({ name: "s", workflow: "Other" })),
    ).toMatchObject({
      kind: "WORKFLOW_MISMATCH",
    });
  });

  it("lists a workflow's latest versions in creation order, filtered by every tag (load_all)", async () => {
    const other = defineWorkflow({
      name: "Other",
      testSample: Text,
      groundTruth: GroundTruth,
      inference: Inference,
    });
    await registerDummy(t.api, other);
    const [v0] = await testCaseVersions();
    await t.api.testSuite.create({ name: "s0", workflow: WORKFLOW });
    await t.api.testSuite.create({ name: "s1", workflow: WORKFLOW, tags: ["N", "N 1"] });
    const s2 = await t.api.testSuite.create({ name: "s2", workflow: WORKFLOW, tags: ["N", "N 2"] });
    await t.api.testSuite.edit({
      testSuiteId: s2.testSuiteId,
      baseVersion: 0,
      testCaseIds: [v0.id],
    });
    await t.api.testSuite.create({ name: "N", workflow: "Other", tags: ["N"] });
    const names = async (tags?: string[]) =>
      (await t.api.testSuite.list({ workflow: WORKFLOW, tags })).items.map(
        (s) => `${s.name}@${s.version}`,
      );
    expect(await names()).toEqual(["s0@0", "s1@0", "s2@1"]);
    expect(await names(["N"])).toEqual(["s1@0", "s2@1"]);
    expect(await names(["N", "N 1"])).toEqual(["s1@0"]);
    expect(await names(["does_not_exist"])).toEqual([]);
  });

  it("lets a suite and a test case share a name (separate namespaces)", async () => {
    await t.api.testCase.create({ name: "same", workflow: WORKFLOW });
    expect((await t.api.testSuite.create({ name: "same", workflow: WORKFLOW })).name).toBe("same");
  });
});
