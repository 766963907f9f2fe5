import KNN from "ml-knn";

import type { ModelSpec } from "../shared/models";
import { packageId } from "../shared/paths";
import type { Digit } from "./data";
import { readDigit } from "./images";
import type { DigitsWorkflow } from "./workflow";
import { LABELS } from "./workflow";

/** The features scikit-learn's exercise uses: ink counts scaled to 0..1 (`X / X.max()`, and the max is 16). */
const features = (pixels: readonly number[]) => pixels.map((value) => value / 16);

/**
 * k-nearest neighbours (`ml-knn`, Euclidean distance) trained on the first 1617 digits. `infer` reads the
 * sample's PNG file, as a model in production would, and predicts what `ml-knn` predicts; each digit's score is
 * its share of the k neighbours' votes.
 */
export function knnModel(train: readonly Digit[], k: number): ModelSpec<DigitsWorkflow> {
  const knn = new KNN(
    train.map((digit) => features(digit.pixels)),
    train.map((digit) => digit.label),
    { k },
  );
  return {
    name: `knn-k${k}`,
    metadata: {
      package: packageId("ml-knn"),
      k,
      distance: "euclidean",
      features: "64 ink counts / 16",
      training: `digits.csv.gz rows 0-${train.length - 1} (scikit-learn 1.2.1)`,
    },
    tags: ["knn", "digits"],
    infer: ({ locator }) => {
      const row = features(readDigit(locator));
      const predicted = knn.predict(row);
      const votes = new Array<number>(LABELS.length).fill(0);
      for (const [point] of knn.kdTree.nearest(row, k)) {
        const label = point[point.length - 1] as number;
        votes[label] = (votes[label] ?? 0) + 1;
      }
      const scores = LABELS.map((label, digit) => ({ label, score: (votes[digit] ?? 0) / k }));
      return {
        prediction: { label: String(predicted), score: (votes[predicted] ?? 0) / k },
        scores,
      };
    },
  };
}
