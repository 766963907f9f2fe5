import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

import { vendoredFile } from "../shared/paths";

/** The ten baseline variables, in the file's column order. */
export const FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"] as const;
export type Feature = (typeof FEATURES)[number];

export interface Patient {
  /** Row in the data files (0-based). */
  patient: number;
  features: Record<Feature, number>;
  /** Disease progression one year after baseline. */
  target: number;
}

/**
 * The split of scikit-learn's `plot_ols` example, whose printed "Mean squared error: 2548.07" and "Coefficient of
 * determination: 0.47" are the reference: the last 20 patients test, the 422 before them train.
 */
export const TEST_SIZE = 20;

/** scikit-learn 1.2.1's diabetes data (vendored): 442 patients, space-separated features and a target file. */
export function loadPatients(): Patient[] {
  const lines = (file: string) =>
    gunzipSync(readFileSync(vendoredFile("sklearn", file)))
      .toString("utf8")
      .trim()
      .split("\n");
  const targets = lines("diabetes_target.csv.gz").map(Number);
  return lines("diabetes_data_raw.csv.gz").map((line, patient) => {
    const values = line.trim().split(/\s+/).map(Number);
    const features = Object.fromEntries(FEATURES.map((name, i) => [name, values[i] as number]));
    return {
      patient,
      features: features as Record<Feature, number>,
      target: targets[patient] as number,
    };
  });
}
