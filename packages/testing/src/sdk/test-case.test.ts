import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ConflictError,
  IncorrectUsageError,
  InputValidationError,
  NameConflictError,
  NotFoundError,
  WorkflowMismatchError,
} from "@assay/sdk";
import { defineWorkflow, GroundTruth, Inference, Text } from "@assay/sdk";
import { byLocator, dummy, dummyGroundTruths, dummySamples } from "../dummy";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

const { TestCase } = dummy;
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

const setup = () => {
  const prefix = uniquePrefix();
  return { prefix, ts: dummySamples(prefix), gt: dummyGroundTruths() };
};
const pairs = <A, B>(a: A[], b: B[]) => a.map((x, i) => [x, b[i]!] as const);
const locators = (rows: readonly (readonly [{ locator: string }, { label: string }])[]) =>
  rows.map(([s, g]) => [s.locator, g.label]);
const parsed = <T>(samples: T[]) => samples.map((s) => dummy.workflow.parseTestSample(s));

describe("TestCase", () => {
  it("init creates version 0, loads it again, and takes samples at version 0", async () => {
    const { prefix, ts, gt } = setup();
    expect((await TestCase.init(`${prefix} tc`)).version).toBe(0);
    expect((await TestCase.init(`${prefix} tc`)).version).toBe(0);
    const filled = await TestCase.init(`${prefix} tc`, { testSamples: pairs(ts, gt) });
    expect(filled.version).toBe(1);
    expect(byLocator((await filled.loadTestSamples()).map(([s]) => s))).toEqual(
      byLocator(parsed(ts)),
    );
  });

  it("init with reset replaces the samples and keeps the description", async () => {
    const { prefix, ts, gt } = setup();
    await TestCase.init(`${prefix} tc`, { description: "d", testSamples: pairs(ts, gt) });
    const reset = await TestCase.init(`${prefix} tc`, {
      testSamples: [
        [ts[1]!, gt[0]!],
        [ts[0]!, gt[1]!],
      ],
      reset: true,
    });
    expect([reset.version, reset.description]).toEqual([2, "d"]);
    expect(locators(await reset.loadTestSamples())).toEqual([
      [ts[1]!.locator, gt[0]!.label],
      [ts[0]!.locator, gt[1]!.label],
    ]);
    // Without reset, samples for a populated test case are ignored.
    expect((await TestCase.init(`${prefix} tc`, { testSamples: pairs(ts, gt) })).version).toBe(2);
  });

  it("create makes version 0 and refuses a taken name; load finds it or says it is missing", async () => {
    const { prefix } = setup();
    await expect(TestCase.load(`${prefix} tc`)).rejects.toBeInstanceOf(NotFoundError);
    expect((await TestCase.create(`${prefix} tc`)).version).toBe(0);
    await expect(TestCase.create(`${prefix} tc`)).rejects.toBeInstanceOf(NameConflictError);
    expect((await TestCase.load(`${prefix} tc`)).version).toBe(0);
    await expect(TestCase.init(`${prefix} tc`, { version: 123 })).rejects.toBeInstanceOf(
      NameConflictError,
    );
  });

  it("refuses a test case of another workflow", async () => {
    const other = defineWorkflow({
      name: "Text Workflow",
      testSample: Text,
      groundTruth: GroundTruth,
      inference: Inference,
    });
    const name = `${uniquePrefix()} foreign`;
    await other.TestCase.create(name);
    await expect(TestCase.init(name)).rejects.toBeInstanceOf(WorkflowMismatchError);
  });

  it("edits: description and samples make version 1", async () => {
    const { prefix, ts, gt } = setup();
    const tc = await TestCase.create(`${prefix} tc`);
    const edited = await tc.edit((editor) => {
      editor.description("all ten");
      pairs(ts, gt).forEach(([s, g]) => editor.add(s, g));
    });
    expect([edited.version, edited.description]).toEqual([1, "all ten"]);
    expect(locators(await edited.loadTestSamples())).toEqual(locators(pairs(ts, gt)));
    expect(tc.version).toBe(0);
  });

  it("edits with reset, replacing, and removing in order", async () => {
    const { prefix, ts, gt } = setup();
    const v1 = await TestCase.create(`${prefix} tc`, { testSamples: pairs(ts.slice(0, 2), gt) });
    const v2 = await v1.edit(
      (editor) => {
        editor.add(ts[2]!, gt[2]!);
        editor.add(ts[1]!, gt[3]!);
      },
      { reset: true },
    );
    expect(locators(await v2.loadTestSamples())).toEqual([
      [ts[2]!.locator, gt[2]!.label],
      [ts[1]!.locator, gt[3]!.label],
    ]);
    const replace = await TestCase.create(`${prefix} replace`);
    const once = await replace.edit((editor) => {
      editor.add(ts[0]!, gt[0]!);
      editor.add(ts[0]!, gt[1]!);
    });
    expect(locators(await once.loadTestSamples())).toEqual([[ts[0]!.locator, gt[1]!.label]]);
    const twice = await once.edit((editor) => editor.add(ts[0]!, gt[2]!));
    expect(locators(await twice.loadTestSamples())).toEqual([[ts[0]!.locator, gt[2]!.label]]);

    const remove = await TestCase.create(`${prefix} remove`, {
      testSamples: pairs(ts.slice(0, 2), gt),
    });
    const r2 = await remove.edit((editor) => {
      editor.remove(ts[0]!);
      editor.add(ts[2]!, gt[0]!);
    });
    expect(r2.version).toBe(2);
    expect(locators(await r2.loadTestSamples())).toEqual([
      [ts[1]!.locator, gt[1]!.label],
      [ts[2]!.locator, gt[0]!.label],
    ]);
    const r3 = await r2.edit((editor) => {
      editor.remove(ts[0]!);
      editor.remove(ts[1]!);
      editor.remove(ts[1]!);
      editor.add(ts[1]!, gt[2]!);
    });
    expect(r3.version).toBe(3);
    expect(locators(await r3.loadTestSamples())).toEqual([
      [ts[2]!.locator, gt[0]!.label],
      [ts[1]!.locator, gt[2]!.label],
    ]);
    const all = await TestCase.create(`${prefix} remove only`, { testSamples: pairs(ts, gt) });
    const nine = await all.edit((editor) => editor.remove(ts[0]!));
    expect([nine.version, nine.sampleCount]).toEqual([2, 9]);
  });

  it("commits nothing when the edit callback throws, and makes no version for an empty edit", async () => {
    const { prefix, ts, gt } = setup();
    const tc = await TestCase.create(`${prefix} tc`, { testSamples: pairs(ts.slice(0, 2), gt) });
    await expect(
      tc.edit((editor) => {
        editor.add(ts[5]!, gt[5]!);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await TestCase.load(tc.name)).version).toBe(1);
    expect(await tc.edit(() => undefined)).toBe(tc);
    expect((await tc.edit((editor) => editor.add(ts[0]!, gt[0]!))).version).toBe(1);
  });

  it("streams a large edit in batches, and drops it all when the callback throws midway", async () => {
    const prefix = uniquePrefix();
    const many = dummySamples(prefix, 12_000);
    const truths = many.map((s) => ({ label: s.locator, value: s.value }));
    const tc = await TestCase.create(`${prefix} big`);
    await expect(
      tc.edit(async (editor) => {
        pairs(many, truths).forEach(([s, g]) => editor.add(s, g));
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    expect((await TestCase.load(tc.name)).sampleCount).toBe(0);
    const big = await tc.edit((editor) =>
      pairs(many, truths).forEach(([s, g]) => editor.add(s, g)),
    );
    expect([big.version, big.sampleCount]).toEqual([1, 12_000]);
    let count = 0;
    for await (const [sample, truth] of big.iterTestSamples()) {
      expect(truth.label).toBe(sample.locator);
      count++;
    }
    expect(count).toBe(12_000);
  });

  it("refuses an edit of a stale version", async () => {
    const { prefix, ts, gt } = setup();
    const v0 = await TestCase.create(`${prefix} tc`);
    await v0.edit((editor) => editor.add(ts[0]!, gt[0]!));
    const stale = v0.edit((editor) => editor.add(ts[1]!, gt[1]!));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow(/is at version 1, not 0: load it again/);
  });

  it("refuses blank names and samples that do not fit the workflow, naming the field", async () => {
    await expect(TestCase.init("")).rejects.toBeInstanceOf(InputValidationError);
    const tc = await TestCase.create(`${uniquePrefix()} tc`);
    const bad = tc.edit((editor) =>
      editor.add({ locator: "x", value: "1" } as never, { label: "a", value: 1 }),
    );
    await expect(bad).rejects.toBeInstanceOf(InputValidationError);
    await expect(bad).rejects.toThrow(/testSample\.value: expected number, received string/);
  });
});

describe("TestCase.initMany", () => {
  it("creates new test cases at version 1 with samples and 0 without", async () => {
    const { prefix, ts, gt } = setup();
    const made = await TestCase.initMany([
      [`${prefix} n1`, pairs(ts.slice(0, 3), gt)],
      [`${prefix} n2`, pairs(ts.slice(4, 9), gt.slice(4, 9))],
      [`${prefix} n3`, []],
    ]);
    expect(made.map((tc) => [tc.version, tc.description])).toEqual([
      [1, ""],
      [1, ""],
      [0, ""],
    ]);
    expect(locators(await made[1]!.loadTestSamples())).toEqual(
      locators(pairs(ts.slice(4, 9), gt.slice(4, 9))),
    );
  });

  it("leaves existing test cases alone without reset, and replaces their samples with it", async () => {
    for (const reset of [false, true]) {
      const { prefix, ts, gt } = setup();
      await TestCase.create(`${prefix} n1`, { description: "desc 1" });
      await TestCase.create(`${prefix} n2`, {
        description: "desc 2",
        testSamples: pairs(ts.slice(0, 3), gt),
      });
      await TestCase.create(`${prefix} n3`, {
        description: "desc 3",
        testSamples: pairs(ts.slice(3, 6), gt.slice(3, 6)),
      });
      const data = [
        [`${prefix} n1`, reset ? pairs(ts.slice(0, 3), gt) : []],
        [`${prefix} n2`, pairs(ts.slice(3, 6), gt.slice(3, 6))],
        [`${prefix} n3`, pairs(ts.slice(6, 9), gt.slice(6, 9))],
      ] as const;
      const result = await TestCase.initMany(data, { reset });
      expect(result.map((tc) => [tc.version, tc.description])).toEqual(
        reset
          ? [
              [1, "desc 1"],
              [2, "desc 2"],
              [2, "desc 3"],
            ]
          : [
              [0, "desc 1"],
              [1, "desc 2"],
              [1, "desc 3"],
            ],
      );
      const third = locators(await result[2]!.loadTestSamples());
      expect(third).toEqual(
        locators(
          pairs(reset ? ts.slice(6, 9) : ts.slice(3, 6), reset ? gt.slice(6, 9) : gt.slice(3, 6)),
        ),
      );
    }
  });

  it("refuses duplicate names and samples of the wrong kind before any request", async () => {
    const { prefix, ts, gt } = setup();
    await expect(
      TestCase.initMany([
        [`${prefix} a`, []],
        [`${prefix} a`, []],
      ]),
    ).rejects.toBeInstanceOf(IncorrectUsageError);
    await expect(
      TestCase.initMany([[`${prefix} b`, [[{ text: "not an image" } as never, gt[0]!]]]]),
    ).rejects.toBeInstanceOf(InputValidationError);
    await expect(TestCase.load(`${prefix} b`)).rejects.toBeInstanceOf(NotFoundError);
    expect(ts).toHaveLength(10);
  });
});
