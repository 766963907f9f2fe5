/**
 * compare(): the server's comparison engine as the SDK gives it, on a regression whose per-sample errors are
 * known, checked against the statistics computed here from the same errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import type { CellComparison } from "@assay/sdk";
import {
  compare,
  defineWorkflow,
  GroundTruth,
  IncorrectUsageError,
  Inference,
  test,
  Text,
} from "@assay/sdk";
import { pairedTTest, wilcoxonSignedRank } from "@assay/metrics";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

const houses = defineWorkflow({
  name: "House prices (compare)",
  testSample: Text,
  groundTruth: GroundTruth.extend({ value: z.number() }),
  inference: Inference.extend({ prediction: z.number() }),
});

describe("compare()", () => {
  it("tests each metric by its kind, with the numbers of the paired tests on the samples' errors", async () => {
    const prefix = uniquePrefix();
    const n = 30;
    const truth = (i: number) => 100 + ((i * 37) % 50);
    const samples = Array.from(
      { length: n },
      (_, i) => [{ text: `${prefix} house ${i}` }, { value: truth(i) }] as const,
    );
    const all = await houses.TestCase.create(`${prefix} all`, { testSamples: samples });
    const suite = await houses.TestSuite.create(`${prefix} suite`, { testCases: [all] });
    // The candidate's errors are the baseline's minus 3 give or take: a real, consistent improvement.
    const index = (text: string) => Number(text.split(" ").at(-1));
    const errorA = (i: number) => 8 + ((i * 13) % 7);
    const errorB = (i: number) => errorA(i) - 3 + ((i * 5) % 3) - 1;
    const baseline = await houses.Model.create(`${prefix} baseline`, {
      infer: ({ text }) => ({ prediction: truth(index(text)) + errorA(index(text)) }),
    });
    const candidate = await houses.Model.create(`${prefix} candidate`, {
      infer: ({ text }) => ({ prediction: truth(index(text)) - errorB(index(text)) }),
    });
    for (const model of [baseline, candidate]) await test(model, suite, { name: "regression" });

    const result = await compare([baseline, candidate], suite, {
      evaluator: "regression",
      metrics: ["mae", "rmse", "r2"],
    });
    expect(result.reference.name).toBe(baseline.name);
    expect(result.metrics.map((m) => [m.name, m.meaning?.kind])).toEqual([
      ["mae", "mean"],
      ["rmse", "aggregate"],
      ["r2", "aggregate"],
    ]);
    const cell = (metric: string) => result.cells.find((c) => c.metric === metric);
    const a = Array.from({ length: n }, (_, i) => errorA(i));
    const b = Array.from({ length: n }, (_, i) => Math.abs(errorB(i)));
    const t = pairedTTest(a, b);
    expect(cell("mae")).toMatchObject({
      model: candidate,
      tested: true,
      test: "paired-t",
      n,
      difference: expect.closeTo(t.meanDifference, 9) as number,
      lower: expect.closeTo(t.lower, 9) as number,
      upper: expect.closeTo(t.upper, 9) as number,
      pValue: expect.closeTo(t.pValue, 12) as number,
      wilcoxonPValue: expect.closeTo(wilcoxonSignedRank(a, b).pValue, 12) as number,
      significant: true,
      // Lower is better for an error: its fall is the improvement.
      verdict: "improved",
    });
    expect(cell("rmse")).toMatchObject({ test: "paired-bootstrap", verdict: "improved" });
    // R² needs the ground truth's spread, which a sample's metrics do not keep: said, not guessed.
    expect(cell("r2")).toEqual(
      expect.objectContaining({
        tested: false,
        reason: expect.stringMatching(/does not say how/) as string,
      }),
    );
    // The same answer for the same store, whoever asks; the reference can be any of the models.
    const mae = cell("mae");
    const again = await compare([baseline, candidate], suite, {
      evaluator: "regression",
      metrics: ["mae"],
    });
    // Benjamini–Hochberg spans the metrics asked for; the test itself does not depend on them.
    const {
      adjustedPValue: _,
      significant: __,
      verdict: ___,
      ...unadjusted
    } = mae as CellComparison & { tested: true };
    expect(again.cells[0]).toMatchObject(unadjusted);
    const reversed = await compare([baseline, candidate], suite, {
      evaluator: "Regression",
      reference: candidate,
      metrics: ["mae"],
    });
    expect(reversed.cells[0]).toMatchObject({ model: baseline, verdict: "regressed" });
    await expect(compare([], suite)).rejects.toThrow(IncorrectUsageError);
  });
});
