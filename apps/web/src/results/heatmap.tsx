import { Link } from "wouter";

import { formatNumber } from "../lib/format";
import type { Drill } from "./drill";

export interface ConfusionPlot {
  dataType: "PLOT/CONFUSION_MATRIX";
  title: string;
  labels: string[];
  matrix: (number | null)[][];
  xLabel: string;
  yLabel: string;
}

/**
 * A model's confusion matrix, rows the actual class and columns the predicted one (the evaluators' order); each
 * count links to its samples in the gallery where they can be picked (see `confusionDrill`).
 */
export function Heatmap({
  title,
  plot,
  drill,
}: {
  title: string;
  plot: ConfusionPlot;
  drill: (
    actual: string,
    predicted: string,
    value: number,
  ) => { href: string; drill: Drill } | undefined;
}) {
  const max = Math.max(1, ...plot.matrix.flat().map((v) => v ?? 0));
  return (
    <table className="heatmap" aria-label={`${plot.title}: ${title}`} data-model={title}>
      <caption>
        {title}{" "}
        <span className="muted">
          ({plot.yLabel} ↓, {plot.xLabel} →)
        </span>
      </caption>
      <thead>
        <tr>
          <td />
          {plot.labels.map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {plot.matrix.map((row, i) => {
          const actual = plot.labels[i] ?? "";
          return (
            <tr key={actual}>
              <th scope="row">{actual}</th>
              {row.map((value, j) => {
                const predicted = plot.labels[j] ?? "";
                const strong = (value ?? 0) / max > 0.5;
                const target = value ? drill(actual, predicted, value) : undefined;
                return (
                  <td
                    key={predicted}
                    className={strong ? "strong" : undefined}
                    style={{ background: `rgba(47, 111, 219, ${(value ?? 0) / max})` }}
                  >
                    {value === null ? (
                      ""
                    ) : target ? (
                      <Link
                        href={target.href}
                        className="drill"
                        title={`${target.drill.claim}: open them in the gallery`}
                        data-claim={target.drill.claim}
                      >
                        {formatNumber(value)}
                      </Link>
                    ) : (
                      formatNumber(value)
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
