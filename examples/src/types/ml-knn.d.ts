/** The part of `ml-knn@3.0.0` the digits example uses; the package ships no types. */
declare module "ml-knn" {
  /** `[point, distance]`, where the point is the training row with its label appended. */
  type Neighbour = [point: number[], distance: number];

  export default class KNN {
    constructor(dataset: number[][], labels: number[], options?: { k?: number });
    readonly k: number;
    /** The k-d tree over the training rows; `nearest` is what `predict` votes over. */
    readonly kdTree: { nearest(point: number[], count: number): Neighbour[] };
    predict(row: number[]): number;
    predict(rows: number[][]): number[];
  }
}
