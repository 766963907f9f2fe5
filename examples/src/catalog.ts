import { run as diabetes } from "./diabetes";
import { run as digits } from "./digits";
import { run as faces } from "./faces";
import { run as sentiment } from "./sentiment";
import type { ExampleOptions, ExampleReport } from "./shared/example";

export interface Example {
  name: string;
  /** What the seed prints before running it. */
  summary: string;
  run: (options: ExampleOptions) => Promise<ExampleReport>;
}

/** Every example, quickest first: the faces example runs a large detector the first time. */
export const EXAMPLES: readonly Example[] = [
  {
    name: "sentiment",
    summary: "UCI sentences (sentiment@5.0.2): AFINN-165, wink-sentiment, and a CSV export",
    run: sentiment,
  },
  {
    name: "diabetes",
    summary: "scikit-learn's diabetes data: least squares on BMI and on all variables",
    run: diabetes,
  },
  {
    name: "digits",
    summary: "scikit-learn's digits as PNG files: kNN with k = 5 and k = 1",
    run: digits,
  },
  {
    name: "faces",
    summary: "face-api's demo photos: tiny detectors and landmarks against SSD MobileNetV1",
    run: faces,
  },
];
