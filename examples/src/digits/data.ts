import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

import { vendoredFile } from "../shared/paths";

/** One scan of scikit-learn's digits: 64 ink counts (0..16) of an 8×8 grid, row by row, and its digit. */
export interface Digit {
  /** Row of the digit in `digits.csv.gz` (0-based). */
  index: number;
  label: number;
  pixels: number[];
}

/**
 * The split of scikit-learn's `plot_digits_classification_exercise`, whose printed "KNN score: 0.961111" is the
 * reference: the first 90 % (1617 digits) train, the last 180 test.
 */
export const TRAIN_SIZE = 1617;

/** scikit-learn 1.2.1's `digits.csv.gz` (vendored): 1797 rows of 64 pixel values and the digit. */
export function loadDigits(): Digit[] {
  const text = gunzipSync(readFileSync(vendoredFile("sklearn", "digits.csv.gz"))).toString("utf8");
  return text
    .trim()
    .split("\n")
    .map((line, index) => {
      const values = line.split(",").map(Number);
      return { index, label: values[64] as number, pixels: values.slice(0, 64) };
    });
}

/** How much ink a scan holds (the sum of its cells), and its level among the test digits (by thirds). */
export function inkLevels(test: readonly Digit[]): Map<number, { ink: number; level: InkLevel }> {
  const ink = (digit: Digit) => digit.pixels.reduce((a, b) => a + b, 0);
  const sorted = test.map(ink).sort((a, b) => a - b);
  const low = sorted[Math.floor(sorted.length / 3)] ?? 0;
  const high = sorted[Math.floor((2 * sorted.length) / 3)] ?? 0;
  return new Map(
    test.map((digit) => {
      const amount = ink(digit);
      const level: InkLevel = amount < low ? "light" : amount < high ? "medium" : "heavy";
      return [digit.index, { ink: amount, level }];
    }),
  );
}

export const INK_LEVELS = ["light", "medium", "heavy"] as const;
export type InkLevel = (typeof INK_LEVELS)[number];
