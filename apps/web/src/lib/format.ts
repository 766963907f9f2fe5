/** A metric for display: integers as they are, other numbers to 4 significant digits, NaN and ±∞ spelled. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (Number.isInteger(value)) return value.toLocaleString("en");
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

export function formatMetric(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) return `${value.length} rows`;
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function formatDelta(value: number): string {
  const text = formatNumber(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : "±0";
}

export function formatDate(date: Date): string {
  return date.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" });
}

/** How one column's numbers are written: the same decimals (or exponent) for every value and every delta. */
export interface NumberFormat {
  value: (value: number) => string;
  delta: (value: number) => string;
}

/** Significant digits of a column's largest value: 0.726, 41.2, 2,548. */
const SIGNIFICANT = 3;

/**
 * One format for a column of numbers, decided by its largest magnitude, so that values line up and compare at a
 * glance (0.670 beside 0.780, never 0.67 beside 0.7801 or +3.29e-4): integers stay integers; tiny or huge
 * columns are written with exponents throughout.
 */
export function columnFormat(values: Iterable<number>): NumberFormat {
  let max = 0;
  let integers = true;
  let seen = false;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    seen = true;
    max = Math.max(max, Math.abs(value));
    if (!Number.isInteger(value)) integers = false;
  }
  const special = (value: number) => (Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞");
  // Nothing loaded yet to decide by: each number as it is.
  if (!seen) return { value: formatNumber, delta: formatDelta };
  let write: (abs: number) => string;
  if (integers) write = (abs) => Math.round(abs).toLocaleString("en");
  else if (max >= 1e6 || (max > 0 && max < 1e-3)) write = (abs) => abs.toExponential(2);
  else {
    const decimals = Math.min(6, Math.max(0, SIGNIFICANT - 1 - Math.floor(Math.log10(max || 1))));
    write = (abs) =>
      abs.toLocaleString("en", {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      });
  }
  const value = (v: number) =>
    !Number.isFinite(v) ? special(v) : v < 0 ? `−${write(-v)}` : write(v);
  return {
    value,
    delta: (v) => {
      if (!Number.isFinite(v)) return special(v);
      const text = write(Math.abs(v));
      // A delta that rounds to nothing at the column's precision says so rather than "+0.000".
      if (Number(text.replace(/,/g, "")) === 0) return "±0";
      return v > 0 ? `+${text}` : `−${text}`;
    },
  };
}
