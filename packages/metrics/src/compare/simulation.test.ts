/**
 * The tests' behaviour on data whose truth is known: 1,000 synthetic paired datasets per test, drawn with a seeded
 * generator (so these figures are the same on every run). Under no difference, a test at α = 0.05 must reject
 * about 5 % of the time (0.03–0.07: a conservative test wastes power, a liberal one ships noise as findings); the
 * paired bootstrap's 95 % interval must cover a real difference about 95 % of the time (93–97 %).
 */
import { describe, expect, it } from "vitest";

import { meanOver, pairedBootstrap } from "./bootstrap";
import { mcnemarTest } from "./mcnemar";
import { pairedTTest, wilcoxonSignedRank } from "./paired-tests";
import { mulberry32 } from "./prng";

const DATASETS = 1000;
const ALPHA = 0.05;

/** A standard normal draw (Box–Muller) from a uniform generator. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The share of datasets whose p-value is at most α. */
function rejectionRate(pValueOf: (random: () => number) => number, seed: number): number {
  const random = mulberry32(seed);
  let rejected = 0;
  for (let k = 0; k < DATASETS; k++) if (pValueOf(random) <= ALPHA) rejected++;
  return rejected / DATASETS;
}

/**
 * Per-sample errors of two models of equal skill: each sample has its own difficulty (shared by both models, which
 * is what makes the data paired), and each model its own noise on top.
 */
function pairedErrors(random: () => number, n: number, shift = 0): [Float64Array, Float64Array] {
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const difficulty = 2 * normal(random);
    a[i] = Math.abs(difficulty + normal(random));
    b[i] = Math.abs(difficulty + normal(random)) + shift;
  }
  return [a, b];
}

/** Per-sample correctness of two models of equal accuracy, correlated through each sample's difficulty. */
function pairedCorrectness(random: () => number, n: number): [boolean[], boolean[]] {
  const a: boolean[] = [];
  const b: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const easy = random() < 0.6;
    const p = easy ? 0.9 : 0.4;
    a.push(random() < p);
    b.push(random() < p);
  }
  return [a, b];
}

describe("false-positive rates under no difference, at α = 0.05", () => {
  it.each([
    [
      "the paired t-test",
      1,
      (random: () => number) => pairedTTest(...pairedErrors(random, 40)).pValue,
    ],
    [
      "the Wilcoxon signed-rank test, exact (n = 20)",
      2,
      (random: () => number) => wilcoxonSignedRank(...pairedErrors(random, 20)).pValue,
    ],
    [
      "the Wilcoxon signed-rank test, normal approximation (n = 200)",
      3,
      (random: () => number) => wilcoxonSignedRank(...pairedErrors(random, 200)).pValue,
    ],
    [
      "McNemar's test (n = 300)",
      4,
      (random: () => number) => mcnemarTest(...pairedCorrectness(random, 300)).pValue,
    ],
    [
      "the paired bootstrap of a mean (n = 200)",
      5,
      (random: () => number) => {
        const [a, b] = pairedErrors(random, 200);
        const seed = Math.floor(random() * 2 ** 31);
        return pairedBootstrap(200, (indices, model) => meanOver(model === 0 ? a : b)(indices), {
          resamples: 400,
          seed,
        }).pValue;
      },
    ],
  ] as const)("%s", (_name, seed, pValueOf) => {
    const rate = rejectionRate(pValueOf, seed);
    expect(rate).toBeGreaterThanOrEqual(0.03);
    expect(rate).toBeLessThanOrEqual(0.07);
  });
});

describe("the paired bootstrap's 95 % interval", () => {
  it("covers a real difference 93–97 % of the time", () => {
    const random = mulberry32(6);
    const shift = 0.3;
    let covered = 0;
    for (let k = 0; k < DATASETS; k++) {
      const [a, b] = pairedErrors(random, 150, shift);
      const interval = pairedBootstrap(
        150,
        (indices, model) => meanOver(model === 0 ? a : b)(indices),
        { resamples: 400, seed: k },
      );
      if (interval.lower <= shift && shift <= interval.upper) covered++;
    }
    const coverage = covered / DATASETS;
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });
});
