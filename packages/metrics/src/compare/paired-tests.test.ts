import { describe, expect, it } from "vitest";

import { expectNear, loadFixture } from "../test-utils/fixtures";
import { mcnemarTest } from "./mcnemar";
import { pairedTTest, wilcoxonSignedRank } from "./paired-tests";

interface Fixture {
  versions: Record<string, string>;
  paired: {
    name: string;
    a: number[];
    b: number[];
    ttest_rel: { statistic: number; p_value: number; df: number };
    wilcoxon: { statistic: number; p_value: number; zeros: number; ties: boolean };
  }[];
  mcnemar: {
    name: string;
    correct_a: boolean[];
    correct_b: boolean[];
    exact: { statistic: number; p_value: number };
    chi_square: { statistic: number; p_value: number };
  }[];
}

const fixture = loadFixture<Fixture>("statistics/paired-tests.json");
const TOLERANCE = 1e-9;

describe(`the paired t-test against scipy ${fixture.versions.scipy}'s ttest_rel`, () => {
  it.each(fixture.paired)("$name", ({ a, b, ttest_rel }) => {
    const result = pairedTTest(a, b);
    expect(result.df).toBe(ttest_rel.df);
    expectNear(result.statistic, ttest_rel.statistic, TOLERANCE, "t");
    expectNear(result.pValue, ttest_rel.p_value, TOLERANCE, "p");
    // The interval is the mean difference ± t(0.975, df) · SE, and excludes 0 exactly when p < 0.05.
    expect(result.lower < 0 && result.upper > 0).toBe(result.pValue > 0.05);
  });

  it("is certain when every pair differs by the same amount, and says nothing when none differ", () => {
    expect(pairedTTest([1, 2, 3], [2, 3, 4])).toMatchObject({ pValue: 0, meanDifference: 1 });
    expect(pairedTTest([1, 2, 3], [1, 2, 3])).toMatchObject({ pValue: 1, meanDifference: 0 });
    expect(() => pairedTTest([1], [2])).toThrow(/at least 2 pairs/);
    expect(() => pairedTTest([1, NaN], [2, 3])).toThrow(/finite/);
  });
});

describe(`the Wilcoxon signed-rank test against scipy ${fixture.versions.scipy}'s wilcoxon`, () => {
  it.each(fixture.paired)("$name", ({ a, b, wilcoxon }) => {
    const result = wilcoxonSignedRank(a, b);
    expect(result.zeros).toBe(wilcoxon.zeros);
    expect(result.method).toBe(
      result.n <= 50 && !wilcoxon.ties && wilcoxon.zeros === 0 ? "exact" : "normal",
    );
    expectNear(result.statistic, wilcoxon.statistic, TOLERANCE, "statistic");
    expectNear(result.pValue, wilcoxon.p_value, TOLERANCE, "p");
  });

  it("gives p = 1 when no pair differs", () => {
    expect(wilcoxonSignedRank([1, 2], [1, 2])).toMatchObject({ n: 0, zeros: 2, pValue: 1 });
  });
});

describe(`McNemar's test against statsmodels ${fixture.versions.statsmodels}'s mcnemar`, () => {
  it.each(fixture.mcnemar)("$name", ({ correct_a, correct_b, exact, chi_square }) => {
    const result = mcnemarTest(correct_a, correct_b);
    const expected = result.method === "exact" ? exact : chi_square;
    expectNear(result.statistic, expected.statistic, TOLERANCE, "statistic");
    expectNear(result.pValue, expected.p_value, TOLERANCE, "p");
  });
});
