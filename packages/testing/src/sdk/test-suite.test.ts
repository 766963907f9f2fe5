import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  defineWorkflow,
  GroundTruth,
  Inference,
  InputValidationError,
  NameConflictError,
  Text,
  WorkflowMismatchError,
} from "@assay/sdk";
import { dummy, dummyGroundTruths, dummySamples } from "../dummy";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

const { TestCase, TestSuite } = dummy;
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

/** A described test case, and three versions of another: v0 empty, v1 with sample 0, v2 with samples 0 and 1. */
async function fixtures() {
  const prefix = uniquePrefix();
  const ts = dummySamples(prefix);
  const gt = dummyGroundTruths();
  const testCase = await TestCase.create(`${prefix} described`, {
    description: "test case description",
  });
  const v0 = await TestCase.create(`${prefix} versions`);
  const v1 = await v0.edit((editor) => editor.add(ts[0]!, gt[0]!));
  const v2 = await v1.edit((editor) => editor.add(ts[1]!, gt[1]!));
  return { prefix, ts, gt, testCase, versions: [v0, v1, v2] as const };
}
const ids = (suite: { testCases: { id: number }[] }) => suite.testCases.map((tc) => tc.id);

describe("TestSuite", () => {
  it("init creates with an exact description, loads it back equal, and updates the description in place", async () => {
    const name = `${uniquePrefix()} suite`;
    const description = "A\n\tlong\ndescription including special characters! 🎉";
    const suite = await TestSuite.init(name, { description });
    expect([suite.version, suite.description, suite.testCases]).toEqual([0, description, []]);
    expect((await TestSuite.init(name)).toJSON()).toEqual(suite.toJSON());
    const updated = await TestSuite.init(name, { description: "new" });
    expect([updated.version, updated.description]).toEqual([0, "new"]);
  });

  it("init with reset replaces the test cases and keeps the description", async () => {
    const { prefix, testCase, versions } = await fixtures();
    await TestSuite.init(`${prefix} suite`, {
      description: "d",
      testCases: [testCase, versions[0]],
    });
    const reset = await TestSuite.init(`${prefix} suite`, {
      testCases: [versions[1]],
      reset: true,
    });
    expect([reset.version, reset.description, ids(reset)]).toEqual([2, "d", [versions[1].id]]);
  });

  it("loads versions; a missing version makes init fail with a name conflict, as in Kolena", async () => {
    const { prefix, versions } = await fixtures();
    const suite = await TestSuite.create(`${prefix} suite`);
    expect((await TestSuite.load(suite.name, { version: 0 })).toJSON()).toEqual(suite.toJSON());
    await expect(TestSuite.init(suite.name, { version: 123 })).rejects.toBeInstanceOf(
      NameConflictError,
    );
    const edited = await suite.edit((editor) => {
      editor.description("new description");
      editor.add(versions[0]);
    });
    expect((await TestSuite.load(suite.name, { version: edited.version })).toJSON()).toEqual(
      edited.toJSON(),
    );
    expect((await TestSuite.load(suite.name)).toJSON()).toEqual(edited.toJSON());
    const first = await TestSuite.load(suite.name, { version: 0 });
    expect([first.testCases, first.description]).toEqual([[], "new description"]);
  });

  it("keeps tags unversioned: set, extended, kept, cleared", async () => {
    const { prefix, versions } = await fixtures();
    const name = `${prefix} tagged`;
    const tags = ["example", "tags", "suite"];
    expect((await TestSuite.init(name, { tags })).tags).toEqual(new Set(tags));
    expect((await TestSuite.init(name, { tags: [...tags, "more"] })).tags).toEqual(
      new Set([...tags, "more"]),
    );
    expect((await TestSuite.init(name)).tags).toEqual(new Set([...tags, "more"]));
    const cleared = await TestSuite.init(name, { tags: [] });
    expect([cleared.version, cleared.tags]).toEqual([0, new Set()]);
    const withCases = await TestSuite.init(name, { tags, testCases: [versions[0]] });
    expect([withCases.version, withCases.tags, ids(withCases)]).toEqual([
      1,
      new Set(tags),
      [versions[0].id],
    ]);
    const reset = await TestSuite.init(name, { testCases: [versions[1]], reset: true });
    expect([reset.version, reset.tags, ids(reset)]).toEqual([2, new Set(tags), [versions[1].id]]);
  });

  it("refuses a suite of another workflow, and test cases of another workflow", async () => {
    const other = defineWorkflow({
      name: "Text Workflow",
      testSample: Text,
      groundTruth: GroundTruth,
      inference: Inference,
    });
    const name = `${uniquePrefix()} foreign`;
    const foreignSuite = await other.TestSuite.create(name);
    await expect(TestSuite.init(name)).rejects.toBeInstanceOf(WorkflowMismatchError);
    const foreignCase = await other.TestCase.create(`${name} case`);
    const suite = await TestSuite.create(`${uniquePrefix()} suite`);
    await expect(suite.edit((editor) => editor.add(foreignCase as never))).rejects.toBeInstanceOf(
      WorkflowMismatchError,
    );
    expect(foreignSuite.version).toBe(0);
  });

  it("loads all of a workflow's suites by tags", async () => {
    const prefix = uniquePrefix();
    const { versions } = await fixtures();
    const N = `${prefix} N`;
    await TestSuite.create(`${prefix} s0`);
    const s1 = await TestSuite.create(`${prefix} s1`, { tags: [N, `${N} 1`] });
    const s2 = await TestSuite.create(`${prefix} s2`, {
      tags: [N, `${N} 2`],
      testCases: [versions[0]],
    });
    const other = defineWorkflow({
      name: "Text Workflow",
      testSample: Text,
      groundTruth: GroundTruth,
      inference: Inference,
    });
    await other.TestSuite.create(N, { tags: [N] });
    const names = async (tags: string[]) =>
      (await TestSuite.loadAll({ tags })).map((s) => `${s.name}@${s.version}`);
    expect(await names([N])).toEqual([`${s1.name}@0`, `${s2.name}@1`]);
    expect(await names([N, `${N} 1`])).toEqual([`${s1.name}@0`]);
    expect(await names([`${prefix} does_not_exist`])).toEqual([]);
  });

  it("edits: appends in order, no-ops make no version, one version per test case", async () => {
    const { prefix, versions, testCase } = await fixtures();
    const suite = await TestSuite.create(`${prefix} suite`, {
      description: "d",
      testCases: [versions[0]],
    });
    expect(suite.version).toBe(1);
    const appended = await suite.edit((editor) => editor.add(testCase));
    expect([appended.version, ids(appended)]).toEqual([2, [versions[0].id, testCase.id]]);
    expect((await appended.edit(() => undefined)).version).toBe(2);
    const moved = await appended.edit((editor) => editor.add(versions[1]));
    expect([moved.version, ids(moved)]).toEqual([3, [testCase.id, versions[1].id]]);
    const fresh = await TestSuite.create(`${prefix} no-op`, { testCases: [versions[0]] });
    const noop = await fresh.edit((editor) => {
      editor.remove(testCase);
      editor.add(testCase);
      editor.remove(testCase);
    });
    expect(noop.version).toBe(1);
    const sameName = await fresh.edit((editor) => {
      editor.add(versions[1]);
      editor.add(versions[2]);
    });
    expect([sameName.version, ids(sameName)]).toEqual([2, [versions[2].id]]);
  });

  it("edits with reset start from an empty list; re-adding the same list is a no-op", async () => {
    const { prefix, versions, testCase } = await fixtures();
    const suite = await TestSuite.create(`${prefix} suite`, { testCases: [testCase, versions[0]] });
    const reset = await suite.edit(
      (editor) => {
        editor.description("new description");
        editor.add(versions[1]);
      },
      { reset: true },
    );
    expect([reset.version, reset.description, ids(reset)]).toEqual([
      2,
      "new description",
      [versions[1].id],
    ]);
    expect((await reset.edit((editor) => editor.add(versions[1]), { reset: true })).version).toBe(
      2,
    );
  });

  it("loads each test case's samples in suite order, leaving out empty test cases", async () => {
    const { prefix, ts, gt } = await fixtures();
    const tc1 = await TestCase.create(`${prefix} tc1`, {
      testSamples: [
        [ts[0]!, gt[0]!],
        [ts[1]!, gt[1]!],
      ],
    });
    const tc2 = await TestCase.create(`${prefix} tc2`, {
      testSamples: [
        [ts[2]!, gt[2]!],
        [ts[1]!, gt[1]!],
      ],
    });
    const empty = await TestCase.create(`${prefix} empty`);
    const suite = await TestSuite.create(`${prefix} suite`, { testCases: [tc1, empty, tc2] });
    const loaded = await suite.loadTestSamples();
    expect(loaded.map(([tc, samples]) => [tc.name, samples.map((s) => s.value)])).toEqual([
      [tc1.name, [0, 1]],
      [tc2.name, [2, 1]],
    ]);
  });

  it("refuses a blank name", async () => {
    await expect(TestSuite.create("")).rejects.toBeInstanceOf(InputValidationError);
  });
});
