import { describe, expect, it } from "vitest";

import { expectClose, expectNear, loadFixture } from "../test-utils/fixtures";
import { pearsonCorrelation, spearmanCorrelation } from "./correlation";
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  r2Score,
  residualsOf,
  rootMeanSquaredError,
} from "./errors";
import { histogramCounts } from "./histogram";

interface RegressionFixture {
  y_true: number[];
  y_pred: number[];
  expected: {
    mae: number;
    mse: number;
    rmse: number;
    r2: number;
    mape: number;
    pearson: number;
    spearman: number;
    residual_histogram: { buckets: number[]; frequency: number[] };
  };
}

const TOLERANCE = 1e-9;

describe.each(["regression-diabetes.json", "regression-diabetes-rounded.json"])(
  "regression against scikit-learn 1.2.1 / scipy 1.10.1 (%s)",
  (name) => {
    const {
      y_true: yTrue,
      y_pred: yPred,
      expected,
    } = loadFixture<RegressionFixture>(`sklearn/${name}`);

    it("computes MAE, MSE, RMSE, R² and MAPE", () => {
      expectNear(meanAbsoluteError(yTrue, yPred), expected.mae, TOLERANCE, "MAE");
      expectNear(meanSquaredError(yTrue, yPred), expected.mse, TOLERANCE, "MSE");
      expectNear(rootMeanSquaredError(yTrue, yPred), expected.rmse, TOLERANCE, "RMSE");
      expectNear(r2Score(yTrue, yPred), expected.r2, TOLERANCE, "R²");
      expectNear(meanAbsolutePercentageError(yTrue, yPred), expected.mape, TOLERANCE, "MAPE");
    });

    it("computes Pearson and Spearman correlation (ties share ranks)", () => {
      expectNear(pearsonCorrelation(yTrue, yPred), expected.pearson, TOLERANCE, "Pearson");
      expectNear(spearmanCorrelation(yTrue, yPred), expected.spearman, TOLERANCE, "Spearman");
    });

    it("bins residuals as numpy.histogram", () => {
      const { buckets, frequency } = histogramCounts(residualsOf(yTrue, yPred), { bins: 10 });
      expectClose(buckets, expected.residual_histogram.buckets, TOLERANCE, "buckets");
      expect(frequency).toEqual(expected.residual_histogram.frequency);
    });
  },
);
