import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { run } from "./diabetes";
import { loadPatients, TEST_SIZE } from "./diabetes/data";
import { olsAllModel, olsBmiModel } from "./diabetes/models";
import { diabetes, EVALUATOR, SUITE } from "./diabetes/workflow";
import type { ExampleReport } from "./shared/example";
import type { ExampleServer } from "./testing";
import { buildWeb, launchChromium, seriousAxeViolations, signIn } from "@assay/testing";

import {
  assayCli,
  caseMetrics,
  checkDeterminism,
  inferredCounts,
  judgedCells,
  startExampleServer,
} from "./testing";

let env: ExampleServer;
let first: ExampleReport;
const silent = () => undefined;
const ALL = "diabetes: last 20 patients";

beforeAll(async () => {
  env = await startExampleServer(["--web-root", await buildWeb()]);
  first = await run({ dataRoot: env.dataRoot, log: silent });
}, 120_000);
afterAll(() => env.stop());

const load = async () => {
  const train = loadPatients().slice(0, -TEST_SIZE);
  const [bmi, all] = [olsBmiModel(train), olsAllModel(train)];
  return {
    suite: await diabetes.TestSuite.load(SUITE),
    bmi: await diabetes.Model.load(bmi.name, { infer: bmi.infer }),
    all: await diabetes.Model.load(all.name, { infer: all.infer }),
  };
};

describe("the diabetes example", () => {
  it("infers the 20 held-out patients once per model", () => {
    expect(inferredCounts(first)).toEqual([
      "ols-bmi on diabetes: 20",
      "ols-all-features on diabetes: 20",
    ]);
  });

  it("reproduces scikit-learn's published BMI-only figures: MSE 2548.07, R² 0.47", async () => {
    const { suite, bmi } = await load();
    for (const configuration of ["default", "error ≤ 50"]) {
      const metrics = await caseMetrics(bmi, suite, EVALUATOR, ALL, configuration);
      expect(metrics.n).toBe(20);
      expect(metrics.mse).toBeCloseTo(2548.07, 2);
      expect(metrics.r2).toBeCloseTo(0.47, 2);
      // Unrounded, as numpy and scikit-learn 1.2.1 compute them: 2548.0723987…, 0.4725754…
      expect(metrics.mse).toBeCloseTo(2548.0724, 4);
      expect(metrics.r2).toBeCloseTo(0.4725754, 7);
    }
  });

  it("gives least squares on all ten variables the figures scikit-learn 1.2.1 computes", async () => {
    const { suite, all } = await load();
    const metrics = await caseMetrics(all, suite, EVALUATOR, ALL);
    // LinearRegression().fit(X[:-20], y[:-20]) on all columns: MSE 2004.5187, R² 0.5850854.
    expect(metrics.mse).toBeCloseTo(2004.5187, 4);
    expect(metrics.r2).toBeCloseTo(0.5850854, 7);
  });

  it("splits the held-out patients by BMI", async () => {
    const { suite } = await load();
    expect(suite.testCases.map((testCase) => [testCase.name, testCase.sampleCount])).toEqual([
      [ALL, 20],
      ["diabetes: BMI under 25", 12],
      ["diabetes: BMI 25 and over", 8],
    ]);
  });

  it("infers nothing when run a second time", async () => {
    const second = await run({ dataRoot: env.dataRoot, log: silent });
    expect(second.runs.map((r) => r.inferred)).toEqual([0, 0]);
  });

  it("has deterministic models (verifyDeterminism)", async () => {
    const { suite, bmi, all } = await load();
    expect(await checkDeterminism([bmi, all], suite, 20)).toEqual({
      "ols-bmi": 20,
      "ols-all-features": 20,
    });
  });

  it("judges MAE, a mean of per-sample errors, by a paired t-test with Wilcoxon beside it: the same in the web UI, assay compare and assay gate", async () => {
    const { suite, bmi, all } = await load();
    const args = ["--suite", SUITE, "--metric", "mae", "--configuration", "default", "--json"];
    const compared = await assayCli(env, [
      "compare",
      "--model",
      bmi.name,
      "--model",
      all.name,
      ...args,
    ]);
    expect(compared.code, compared.err).toBeLessThanOrEqual(1);
    const cells = (JSON.parse(compared.out) as { cells: Record<string, unknown>[] }).cells;
    const cli = cells.find((cell) => cell.testCase === ALL) as Record<string, unknown>;
    expect(cli).toMatchObject({ model: all.name, metric: "mae", test: "paired-t", n: 20 });
    expect(cli.wilcoxonPValue).toEqual(expect.any(Number));
    expect(cli.description).toMatch(
      /^paired t-test: difference -?\d.*Wilcoxon signed-rank p = .*, n = 20$/,
    );

    const gate = await assayCli(env, [
      "gate",
      "--model",
      all.name,
      "--reference",
      bmi.name,
      ...args,
    ]);
    const checks = (JSON.parse(gate.out) as { checks: { testCase: string; comparison: object }[] })
      .checks;
    const {
      model: _,
      testCase: __,
      configuration: ___,
      description: ____,
      metric: _____,
      ...numbers
    } = cli;
    expect(checks.find((check) => check.testCase === ALL)?.comparison).toEqual(numbers);

    const [web] = await judgedCells(
      env,
      { suite: suite.id, reference: bmi.id, config: "default", metrics: ["mae"] },
      [{ testCase: ALL, model: all.name, metric: "mae" }],
    );
    expect(web?.test).toBe("paired-t");
    expect(web?.title).toContain(`(${cli.description as string})`);
    expect(web?.significance).toBe(cli.verdict);
  }, 60_000);

  it("opens the patients outside the tolerance of 50 from the results page, in that configuration", async () => {
    const { suite, bmi } = await load();
    const configuration = "error ≤ 50";
    const metrics = await caseMetrics(bmi, suite, EVALUATOR, ALL, configuration);
    const outside = Math.round((1 - (metrics.withinToleranceRate as number)) * 20);
    expect(outside).toBeGreaterThan(0);
    const browser = await launchChromium();
    try {
      const page = await (
        await browser.newContext({ viewport: { width: 1440, height: 900 } })
      ).newPage();
      page.setDefaultTimeout(20_000);
      await signIn(page, env.server.url, env.server.token);
      const query = new URLSearchParams({
        suite: String(suite.id),
        config: configuration,
        metric: "withinToleranceRate",
      });
      await page.goto(`${env.server.url}/results?${query.toString()}`);
      const link = page
        .locator(
          `[data-test-case="${ALL}"] [data-model="${bmi.name}"][data-metric="withinToleranceRate"]`,
        )
        .getByRole("link");
      await expect.poll(() => link.getAttribute("data-claim")).toBe(`${outside} wrong of 20`);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await link.click();
      await page.waitForURL(/\/test-cases\/\d+\?/);
      // The filter names the run and its configuration: the default one would have no such field.
      expect(new URL(page.url()).searchParams.getAll("f")).toEqual([
        expect.stringMatching(/^metrics@\d+:error ≤ 50\|withinTolerance\|eq\|false$/),
      ]);
      await expect
        .poll(() => page.getByText(/ of \d+ samples match$/).textContent())
        .toBe(`${outside} of 20 samples match`);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
