/**
 * The few distribution functions the significance tests need, in plain JavaScript (no dependency): the
 * complementary error function, the chi-square(1) and standard normal tails, and binomial tails.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erfc(x) to ~1e-15: a positive-term series for erf below 3 (no cancellation), a Lentz continued fraction above,
 * where the series would lose digits and the fraction converges fast.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1))
    let term = x;
    let total = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      total += term;
      if (term < total * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * total;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

/** P(X > x) for X ~ chi-square with one degree of freedom. */
export function chiSquare1Survival(x: number): number {
  return x <= 0 ? 1 : erfc(Math.sqrt(x / 2));
}

/** P(Z > z) for a standard normal Z. */
export function normalSurvival(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

/** log(n choose k), exactly summed for the moderate n McNemar's exact test uses. */
function logChoose(n: number, k: number): number {
  let total = 0;
  const m = Math.min(k, n - k);
  for (let i = 1; i <= m; i++) total += Math.log((n - m + i) / i);
  return total;
}

/** P(X <= k) for X ~ Binomial(n, 1/2). */
export function binomialHalfCdf(k: number, n: number): number {
  let total = 0;
  for (let i = 0; i <= k; i++) total += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, total);
}
