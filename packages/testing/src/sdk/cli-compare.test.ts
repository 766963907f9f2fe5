/**
 * `assay gate` and `assay compare` on the reviews suites: the comparison engine's verdicts as CI reads them (exit
 * codes, JSON, tables), and an evaluator's warning as `assay test` prints it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ReviewsCli } from "./reviews-cli";
import { GOOD, startReviewsCli } from "./reviews-cli";

let cli: ReviewsCli;
beforeAll(async () => {
  cli = await startReviewsCli();
});
afterAll(() => cli.server.stop());

describe("the assay binary comparing models", () => {
  it("gates: passes a threshold, fails a significant regression with exit code 1", async () => {
    const { assay, csv, prefix, suiteName, bigSuiteName } = cli;
    const good = csv("good.csv", GOOD);
    const bad = csv("bad.csv", ["neg", "pos", "neg", "pos", "neg", "pos", "neg", "pos"]);
    const tested = await assay([
      ...["test", "--model", `${prefix} bad`, "--suite", suiteName, "--inferences", bad],
      ...["--key", "text", "--evaluator", "classification", "--json"],
    ]);
    expect(tested.code).toBe(0);
    const goodOnSmall = await assay([
      ...["test", "--model", `${prefix} good`, "--suite", suiteName, "--inferences", good],
      ...["--key", "text", "--evaluator", "classification", "--json"],
    ]);
    expect(goodOnSmall.code).toBe(0);
    for (const [model, file] of [
      [`${prefix} bad`, bad],
      [`${prefix} good`, good],
    ] as const) {
      const big = await assay([
        ...["test", "--model", model, "--suite", bigSuiteName, "--inferences", file],
        ...["--key", "text", "--evaluator", "classification", "--json"],
      ]);
      expect(big.code).toBe(0);
    }
    const gate = (model: string, suite: string, ...more: string[]) =>
      assay(["gate", "--model", model, "--suite", suite, "--metric", "accuracy", ...more]);
    const pass = await gate(`${prefix} good`, suiteName, "--min", "0.7");
    expect([pass.code, pass.out]).toEqual([
      0,
      expect.stringContaining("all 2 test cases passed") as string,
    ]);
    // 4 samples a test case: even all wrong against all right is no evidence (McNemar's exact p = 0.125).
    const small = await gate(`${prefix} bad`, suiteName, "--reference", `${prefix} good`, "--json");
    expect(small.code).toBe(0);
    const smallReport = JSON.parse(small.out) as {
      checks: { comparison: { test: string; pValue: number; significant: boolean } }[];
    };
    expect(smallReport.checks[0]?.comparison).toMatchObject({
      test: "mcnemar",
      pValue: 0.125,
      significant: false,
    });
    // 16 samples (the good model is wrong on one): the same regression is significant, and the gate fails.
    const fail = await gate(
      `${prefix} bad`,
      bigSuiteName,
      ...["--reference", `${prefix} good`, "--json"],
    );
    expect(fail.code).toBe(1);
    const report = JSON.parse(fail.out) as { passed: boolean; checks: { failures: string[] }[] };
    expect(report.passed).toBe(false);
    expect(report.checks[0]?.failures[0]).toMatch(
      /^regressed by 0\.9375 against .*\(McNemar's test: difference -0\.9375, 95% CI .*n = 16\)$/,
    );

    // assay compare: the same test, p-values and interval as the gate's, and exit 1 for the regression.
    const compared = await assay([
      ...["compare", "--model", `${prefix} good`, "--model", `${prefix} bad`],
      ...["--suite", bigSuiteName, "--metric", "accuracy", "--json"],
    ]);
    expect(compared.code).toBe(1);
    const cells = (JSON.parse(compared.out) as { cells: Record<string, unknown>[] }).cells;
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({
      model: `${prefix} bad`,
      metric: "accuracy",
      test: "mcnemar",
      n: 16,
      difference: -15 / 16,
      verdict: "regressed",
    });
    expect(report.checks[0]?.failures[0]).toContain(cells[0]?.description as string);
    const table = await assay([
      ...["compare", "--model", `${prefix} good`, "--model", `${prefix} bad`],
      ...["--suite", bigSuiteName, "--metric", "accuracy", "--metric", "nCorrect"],
    ]);
    expect(table.out).toMatch(/TEST CASE\s+CONFIGURATION\s+MODEL\s+METRIC\s+DIFFERENCE\s+95% CI/);
    expect(table.out).toMatch(/nCorrect\s+-15\s+\[-1\d, -1\d\]\s+paired-bootstrap/);

    // Binary, with every score 0.8 read as the positive class's probability: the negative predictions
    // contradict that reading, and the run (and the command) says so.
    const binary = await assay([
      ...["test", "--model", `${prefix} binary`, "--suite", bigSuiteName],
      ...["--inferences", good, "--key", "text", "--evaluator", "classification"],
      ...[
        "--options",
        '{"positiveLabel":"pos","labels":["neg","pos"],"binaryScore":"positive-probability"}',
      ],
    ]);
    expect(binary.code).toBe(0);
    expect(binary.err).toMatch(
      /^warning: 9 of 16 scored predictions are scored on the other side of 0\.5/,
    );
    expect(binary.err).toContain('set the option binaryScore to "predicted-confidence"');
  }, 90_000);
});
