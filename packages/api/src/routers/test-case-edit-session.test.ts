import { describe, expect, it } from "vitest";

import { adds, failure, removes } from "../testing";
import {
  contents,
  edit,
  expected,
  pairs,
  t,
  ts,
  useDummyStore,
  WORKFLOW,
} from "./test-case.fixture";

useDummyStore();

// An edit in several requests: begin, batches, commit or abort, and what others see meanwhile.
describe("test case edit sessions", () => {
  it("hides an edit in progress from readers until it commits, and resumes a resent batch", async () => {
    const v0 = await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    const { editId } = await t.api.testCase.beginEdit({
      workflow: WORKFLOW,
      entries: [{ name: "tc", baseVersion: 0, description: "big" }],
    });
    expect(await t.api.testCase.appendEdit({ editId, seq: 0, lines: adds(pairs([0, 1])) })).toEqual(
      { applied: true, count: 2 },
    );
    expect(await t.api.testCase.appendEdit({ editId, seq: 0, lines: adds(pairs([0, 1])) })).toEqual(
      { applied: false, count: 0 },
    );
    expect(
      await failure(() => t.api.testCase.appendEdit({ editId, seq: 5, lines: "" })),
    ).toMatchObject({
      kind: "INCORRECT_USAGE",
    });
    await t.api.testCase.appendEdit({ editId, seq: 1, lines: adds(pairs([2])) });
    expect(await t.api.testCase.load({ name: "tc" })).toEqual(v0);
    expect(await contents(v0.id)).toEqual([]);
    expect(await failure(() => edit("tc", adds(pairs([3]))))).toMatchObject({
      kind: "EDIT_IN_PROGRESS",
    });
    const [v1] = await t.api.testCase.commitEdit({ editId });
    expect(v1).toMatchObject({ version: 1, sampleCount: 3, description: "big" });
    expect(await contents(v1!.id)).toEqual(expected([0, 1, 2]));
    // A client whose commit response was lost asks again and gets the same versions.
    expect(await t.api.testCase.commitEdit({ editId })).toEqual([v1]);
    expect(await failure(() => t.api.testCase.abortEdit({ editId }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("aborts an edit without a trace, including test cases it was creating", async () => {
    await t.api.testCase.create({ name: "tc", workflow: WORKFLOW });
    await edit("tc", adds(pairs([0, 1])));
    const { editId } = await t.api.testCase.beginEdit({
      workflow: WORKFLOW,
      entries: [
        { name: "tc", baseVersion: 1 },
        { name: "new", create: true },
      ],
    });
    await t.api.testCase.appendEdit({
      editId,
      seq: 0,
      lines: [removes([ts[0]], "tc"), adds(pairs([5]), "tc"), adds(pairs([6]), "new")].join("\n"),
    });
    expect(await failure(() => t.api.testCase.load({ name: "new" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    await t.api.testCase.abortEdit({ editId });
    const tc = await t.api.testCase.load({ name: "tc" });
    expect(tc.version).toBe(1);
    expect(await contents(tc.id)).toEqual(expected([0, 1]));
    expect(await failure(() => t.api.testCase.load({ name: "new" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await t.api.testCase.create({ name: "new", workflow: WORKFLOW })).version).toBe(0);
  });

  it("releases the name of a test case an abandoned edit was creating", async () => {
    const { editId } = await t.api.testCase.beginEdit({
      workflow: WORKFLOW,
      entries: [{ name: "new", create: true }],
    });
    await t.api.testCase.appendEdit({ editId, seq: 0, lines: adds(pairs([0])) });
    const begin = () =>
      t.api.testCase.beginEdit({ workflow: WORKFLOW, entries: [{ name: "new", create: true }] });
    // While its client may still come back, the name is held by the edit...
    expect(await failure(begin)).toMatchObject({ kind: "EDIT_IN_PROGRESS" });
    expect(
      await failure(() => t.api.testCase.create({ name: "new", workflow: WORKFLOW })),
    ).toMatchObject({ kind: "EDIT_IN_PROGRESS" });
    // ...and once the edit has been idle past the timeout (its client gave up), the next creator gets it.
    t.db.$client
      .prepare("UPDATE test_case_edits SET updated_at = ? WHERE id = ?")
      .run(Date.now() - 11 * 60_000, editId);
    const again = await begin();
    await t.api.testCase.appendEdit({ editId: again.editId, seq: 0, lines: adds(pairs([1, 2])) });
    const [created] = await t.api.testCase.commitEdit({ editId: again.editId });
    expect(created).toMatchObject({ name: "new", version: 1, sampleCount: 2 });
    expect(await contents(created!.id)).toEqual(expected([1, 2]));
    expect(await failure(() => t.api.testCase.commitEdit({ editId }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
