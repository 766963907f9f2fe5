/** Small numeric helpers. Sums use Neumaier's compensation so long sums match numpy's pairwise sums to 1e-12. */

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  let compensation = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    const next = total + value;
    compensation +=
      Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

/** Arithmetic mean; 0 for no values (Kolena's rule for an empty denominator). */
export function mean(values: ArrayLike<number>): number {
  return values.length > 0 ? sum(values) / values.length : 0;
}

/** Population variance (numpy's `np.var`, ddof 0); 0 for no values. */
export function variance(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const m = mean(values);
  const squares = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) squares[i] = ((values[i] as number) - m) ** 2;
  return sum(squares) / values.length;
}

/** Indices that sort `values` in descending order, ties kept in input order (a stable sort). */
export function argsortDescending(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // Uint32Array#sort is not stable; sort the index array as plain numbers with a tie-break on the index.
  const indices = Array.from(order);
  indices.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  return Uint32Array.from(indices);
}

/** `count` evenly spaced values from `start` to `stop` inclusive, as numpy's `linspace`. */
export function linspace(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start];
  const step = (stop - start) / (count - 1);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(i === count - 1 ? stop : start + i * step);
  return out;
}

/** Trapezoidal area under y(x), as numpy's `trapz`. */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const parts = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++) {
    parts[i - 1] =
      ((x[i] as number) - (x[i - 1] as number)) * ((y[i] as number) + (y[i - 1] as number));
  }
  return sum(parts) / 2;
}
