import { binaryCurve } from "../../classification/binary-curve";
import type { BinaryCurve } from "../../classification/binary-curve";
import { confusionFromEncoded } from "../../classification/confusion";
import type { ConfusionMatrixResult } from "../../classification/confusion";
import { averagePrecisionFromCurve } from "../../classification/precision-recall";
import type { ClassificationReport } from "../../classification/report";
import { reportFromConfusion } from "../../classification/report";
import { rocAucFromCurve } from "../../classification/roc";
import { classesAbove, tieRanks } from "../../classification/scores";
import { fpr, safeDivide, specificity } from "../../formula";
import type { Columns } from "./columns";
import type { Decisions } from "./decisions";
import type { ClassificationCaseMetrics, ClassificationClassRow } from "./schemas";

/** Everything computed once per test case and configuration, shared by the metrics and the plots. */
export interface CaseAnalysis {
  readonly report: ClassificationReport;
  readonly confusion: ConfusionMatrixResult;
  /** Per class (or only the positive class when binary): its one-vs-rest score curve, when scores exist. */
  readonly curves: (BinaryCurve | undefined)[];
  readonly topK: { k: number; accuracy: number }[];
  readonly nCorrect: number;
  /** Samples without a prediction (none inferred, or below a threshold): wrong, and their own count. */
  readonly noPrediction: number;
}

function hasBothClasses(curve: BinaryCurve | undefined): curve is BinaryCurve {
  return curve !== undefined && curve.positives > 0 && curve.negatives > 0;
}

export function analyse(
  columns: Columns,
  decisions: Decisions,
  topKs: readonly number[],
): CaseAnalysis {
  const confusion = confusionFromEncoded({
    labels: columns.labels,
    yTrue: columns.actual,
    yPred: decisions.predicted,
  });
  const report = reportFromConfusion(confusion);
  const k = columns.labels.length;
  const curves: (BinaryCurve | undefined)[] = new Array<BinaryCurve | undefined>(k).fill(undefined);
  const isClass = new Uint8Array(columns.n);
  const column = new Float64Array(columns.n);
  const curveFor = (c: number, scores: Float64Array) => {
    for (let i = 0; i < columns.n; i++) isClass[i] = columns.actual[i] === c ? 1 : 0;
    return columns.n > 0 ? binaryCurve(isClass, scores) : undefined;
  };
  if (decisions.positive !== undefined) {
    if (decisions.positiveScore)
      curves[decisions.positive] = curveFor(decisions.positive, decisions.positiveScore);
  } else if (columns.classScores) {
    const scores = columns.classScores;
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < columns.n; i++) column[i] = scores[i * k + c] as number;
      curves[c] = curveFor(c, column);
    }
  }
  let nCorrect = 0;
  let noPrediction = 0;
  for (let i = 0; i < columns.n; i++) {
    if (decisions.predicted[i] === columns.actual[i]) nCorrect++;
    else if ((decisions.predicted[i] as number) < 0) noPrediction++;
  }
  return {
    report,
    confusion,
    curves,
    topK: topKAccuracies(columns, topKs),
    nCorrect,
    noPrediction,
  };
}

/** All top-k accuracies in one pass: each sample's rank (ties by scikit-learn's rule, `tieRanks`) is counted once. */
function topKAccuracies(columns: Columns, topKs: readonly number[]) {
  const { classScores, n, actual } = columns;
  const k = columns.labels.length;
  const wanted = [...new Set(topKs)].filter((value) => value < k).sort((a, b) => a - b);
  if (!classScores || wanted.length === 0 || n === 0) return [];
  const ties = tieRanks(columns.labels);
  const hits = new Array<number>(wanted.length).fill(0);
  for (let i = 0; i < n; i++) {
    const better = classesAbove(classScores, i * k, k, actual[i] as number, ties);
    wanted.forEach((value, w) => {
      if (better < value) hits[w] = (hits[w] ?? 0) + 1;
    });
  }
  return wanted.map((value, w) => ({ k: value, accuracy: (hits[w] ?? 0) / n }));
}

export function caseMetrics(
  analysis: CaseAnalysis,
  decisions: Decisions,
): ClassificationCaseMetrics {
  const { report, curves } = analysis;
  const aucs: number[] = [];
  const aps: number[] = [];
  const perClass = report.perClass.map((row, c): ClassificationClassRow => {
    const curve = curves[c];
    const out: ClassificationClassRow = {
      label: row.label,
      n: row.support,
      TP: row.TP,
      FP: row.FP,
      FN: row.FN,
      TN: row.TN,
      precision: row.precision,
      recall: row.recall,
      f1: row.f1,
      fpr: fpr(row.TN, row.FP),
    };
    if (hasBothClasses(curve)) {
      out.rocAuc = rocAucFromCurve(curve);
      aucs.push(out.rocAuc);
    }
    if (curve && curve.positives > 0) {
      out.averagePrecision = averagePrecisionFromCurve(curve);
      aps.push(out.averagePrecision);
    }
    return out;
  });
  const metrics: ClassificationCaseMetrics = {
    n: report.n,
    nCorrect: analysis.nCorrect,
    noPrediction: analysis.noPrediction,
    accuracy: report.accuracy,
    macroPrecision: report.macro.precision,
    macroRecall: report.macro.recall,
    macroF1: report.macro.f1,
    microPrecision: report.micro.precision,
    microRecall: report.micro.recall,
    microF1: report.micro.f1,
    weightedPrecision: report.weighted.precision,
    weightedRecall: report.weighted.recall,
    weightedF1: report.weighted.f1,
    perClass,
  };
  if (decisions.positive !== undefined) {
    const row = report.perClass[decisions.positive];
    if (row) {
      Object.assign(metrics, {
        TP: row.TP,
        FP: row.FP,
        FN: row.FN,
        TN: row.TN,
        precision: row.precision,
        recall: row.recall,
        f1: row.f1,
        fpr: fpr(row.TN, row.FP),
        specificity: specificity(row.TN, row.FP),
      });
    }
  }
  if (aucs.length > 0)
    metrics.rocAuc = safeDivide(
      aucs.reduce((a, b) => a + b, 0),
      aucs.length,
    );
  if (aps.length > 0)
    metrics.averagePrecision = safeDivide(
      aps.reduce((a, b) => a + b, 0),
      aps.length,
    );
  if (analysis.topK.length > 0) {
    metrics.topK = analysis.topK.map(({ k, accuracy }) => ({ name: `top-${k}`, k, accuracy }));
  }
  return metrics;
}

export { hasBothClasses };
