import type { CellComparison, TestName } from "@assay/workflow";

const TEST_TITLES: Record<TestName, string> = {
  mcnemar: "McNemar's test",
  "paired-t": "paired t-test",
  "paired-bootstrap": "paired bootstrap",
};

/** A number as people read it: up to 4 significant digits, the exponent form only when tiny or huge. */
export function formatStatistic(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A p-value: two significant digits, the exponent form below 0.0001. */
export function formatPValue(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

/**
 * One line saying how a cell was judged, the same wherever it is shown (the web UI's cell, `assay compare`,
 * `assay gate`): the test, the difference with its interval, the p-value and its adjusted value, n; or why the
 * cell was not tested.
 */
export function describeCell(cell: CellComparison, alpha = 0.05): string {
  if (!cell.tested) return `not tested: ${cell.reason}`;
  const confidence = `${formatStatistic((1 - alpha) * 100)}%`;
  const parts = [
    `${TEST_TITLES[cell.test]}: difference ${formatStatistic(cell.difference)}`,
    `${confidence} CI [${formatStatistic(cell.lower)}, ${formatStatistic(cell.upper)}]`,
    `p = ${formatPValue(cell.pValue)}`,
    `Benjamini–Hochberg-adjusted p = ${formatPValue(cell.adjustedPValue)}`,
  ];
  if (cell.wilcoxonPValue !== undefined)
    parts.push(`Wilcoxon signed-rank p = ${formatPValue(cell.wilcoxonPValue)}`);
  parts.push(`n = ${cell.n}`);
  return parts.join(", ");
}

export { TEST_TITLES };
