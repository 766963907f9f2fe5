import { formatNumber } from "../lib/format";

export interface ModelCounts {
  modelId: number;
  name: string;
  color: string;
  tp: number;
  fp: number;
  fn: number;
}

/**
 * The confidence threshold detections are judged at, and what it gives: each model's TP / FP / FN over the loaded
 * samples, counted again as the slider moves. Without a threshold in the URL, the evaluator's own decisions are
 * shown (`evaluatorThreshold`, when all samples share one).
 */
export function ThresholdControl({
  value,
  evaluatorThreshold,
  counts,
  samples,
  onChange,
}: {
  value: number | undefined;
  evaluatorThreshold: number | undefined;
  counts: ModelCounts[];
  samples: number;
  onChange: (threshold: number | null) => void;
}) {
  const shown = value ?? evaluatorThreshold ?? 0.5;
  return (
    <div className="toolbar threshold">
      <label className="inline">
        Confidence threshold
        <input
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={shown}
          onChange={(e) => onChange(Number(e.target.value))}
        />
        <output data-testid="threshold-value">{shown.toFixed(2)}</output>
      </label>
      {value === undefined ? (
        <span className="muted">the evaluator&apos;s decisions</span>
      ) : (
        <button type="button" className="secondary" onClick={() => onChange(null)}>
          Back to the evaluator&apos;s
          {evaluatorThreshold !== undefined && ` (${evaluatorThreshold.toFixed(2)})`}
        </button>
      )}
      {counts.map((c) => (
        <span key={c.modelId} className="counts" data-testid="match-counts" data-model={c.modelId}>
          <span className="swatch" style={{ background: c.color }} /> {c.name}:{" "}
          <span data-count="tp">{formatNumber(c.tp)} TP</span> ·{" "}
          <span data-count="fp">{formatNumber(c.fp)} FP</span> ·{" "}
          <span data-count="fn">{formatNumber(c.fn)} FN</span>
        </span>
      ))}
      <span className="muted">on {formatNumber(samples)} loaded samples</span>
    </div>
  );
}
