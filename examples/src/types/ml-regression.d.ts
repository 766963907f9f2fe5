/** The part of `ml-regression@6.3.0` the diabetes example uses; the package ships no types. */
declare module "ml-regression" {
  /** Least squares on one feature: `y = slope * x + intercept`. */
  export class SimpleLinearRegression {
    constructor(x: number[], y: number[]);
    readonly slope: number;
    readonly intercept: number;
    predict(x: number): number;
  }

  /** Least squares on many features, with an intercept unless told otherwise. */
  export class MultivariateLinearRegression {
    constructor(x: number[][], y: number[][], options?: { intercept?: boolean });
    readonly weights: number[][];
    predict(row: number[]): number[];
    predict(rows: number[][]): number[][];
  }
}
