/**
 * The distribution functions the significance tests need, in plain JavaScript: the complementary error function,
 * the chi-square(1), standard normal and Student t tails, binomial tails, ln Γ and the incomplete beta function.
 * No dependency: npm's general-purpose statistics package (jStat) has had no release since 2022, and these few
 * functions are short and pinned to scipy's values by the committed fixtures.
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

/** Lanczos coefficients (g = 7, n = 9): ln Γ to about 1e-15 relative for positive arguments. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz), evaluated on
 * the side of the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where it converges quickly.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(
    a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b)),
  );
  return (front * betaFraction(x, a, b)) / a;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 10_000; m++) {
    // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    let numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 + numerator * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + numerator / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    f *= d * c;
    // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + numerator * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + numerator / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

/** P(T > t) for T ~ Student's t with `df` degrees of freedom. */
export function studentTSurvival(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? tail : 1 - tail;
}

/** The t with P(T > t) = p for T ~ Student's t with `df` degrees of freedom. */
export function studentTQuantileAbove(p: number, df: number): number {
  return quantileAbove(p, (t) => studentTSurvival(t, df));
}

/** The z with P(Z > z) = p for a standard normal Z. */
export function normalQuantileAbove(p: number): number {
  return quantileAbove(p, normalSurvival);
}

/** Where a decreasing survival function crosses p (0 < p <= 1/2), by bisection to about 1e-13 relative. */
function quantileAbove(p: number, survival: (x: number) => number): number {
  let lo = 0;
  let hi = 1;
  while (survival(hi) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (survival(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
