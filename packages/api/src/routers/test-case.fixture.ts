/** The shared setup of the test case router tests: the dummy workflow, its samples, and helpers over them. */
import { beforeEach } from "vitest";

import type { TestApi } from "../testing";
import { dummyGroundTruth, dummySample, readAll, registerDummy, setupApi } from "../testing";

export const WORKFLOW = "Dummy Workflow 🤖";
export const ts = Array.from({ length: 10 }, (_, i) => dummySample(i));
export const gt = Array.from({ length: 10 }, (_, i) => dummyGroundTruth(i));
export const pairs = (indices: number[], truths = indices) =>
  indices.map((i, k) => [ts[i], gt[truths[k] as number]] as const);

export let t: TestApi;

/** A fresh store with the dummy workflow registered before each test of the file that calls this (read `t`). */
export function useDummyStore(): void {
  beforeEach(async () => {
    t = setupApi();
    await registerDummy(t.api);
  });
}

/** The samples of a test case version, as `[locator, ground truth label]`. */
export async function contents(id: number): Promise<[string, string][]> {
  const lines = await readAll((cursor) =>
    t.api.testCase.samples({ testCaseId: id, cursor, limit: 3 }),
  );
  return lines.map((line) => {
    const { testSample, groundTruth } = line as {
      testSample: { locator: string };
      groundTruth: { label: string };
    };
    return [testSample.locator, groundTruth.label];
  });
}
export const expected = (indices: number[], truths = indices) =>
  indices.map((i, k) => [ts[i]?.locator, gt[truths[k] as number]?.label]);

export async function edit(
  name: string,
  lines: string,
  options: { reset?: boolean; description?: string } = {},
) {
  const current = await t.api.testCase.load({ name });
  const [record] = await t.api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name, baseVersion: current.version, ...options }],
    lines,
  });
  if (!record) throw new Error(`the edit of '${name}' returned no record`);
  return record;
}
