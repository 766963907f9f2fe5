import { MultivariateLinearRegression, SimpleLinearRegression } from "ml-regression";

import type { ModelSpec } from "../shared/models";
import { packageId } from "../shared/paths";
import type { Patient } from "./data";
import { FEATURES } from "./data";
import type { DiabetesWorkflow } from "./workflow";

/** Ordinary least squares on body mass index alone, as scikit-learn's `plot_ols` example fits it. */
export function olsBmiModel(train: readonly Patient[]): ModelSpec<DiabetesWorkflow> {
  const fit = new SimpleLinearRegression(
    train.map((p) => p.features.bmi),
    train.map((p) => p.target),
  );
  return {
    name: "ols-bmi",
    metadata: {
      package: packageId("ml-regression"),
      method: "SimpleLinearRegression (least squares)",
      features: ["bmi"],
      slope: fit.slope,
      intercept: fit.intercept,
      training: `the first ${train.length} patients`,
    },
    tags: ["linear", "regression"],
    infer: ({ bmi }) => ({ prediction: fit.predict(bmi) }),
  };
}

/** Ordinary least squares with an intercept on all ten baseline variables. */
export function olsAllModel(train: readonly Patient[]): ModelSpec<DiabetesWorkflow> {
  const fit = new MultivariateLinearRegression(
    train.map((p) => FEATURES.map((name) => p.features[name])),
    train.map((p) => [p.target]),
  );
  return {
    name: "ols-all-features",
    metadata: {
      package: packageId("ml-regression"),
      method: "MultivariateLinearRegression (least squares, with intercept)",
      features: [...FEATURES],
      training: `the first ${train.length} patients`,
    },
    tags: ["linear", "regression"],
    infer: (sample) => ({
      prediction: fit.predict(FEATURES.map((name) => sample[name]))[0] as number,
    }),
  };
}
