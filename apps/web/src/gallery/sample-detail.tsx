import type { ReactNode } from "react";

import { Dialog } from "../components/dialog";
import { JsonView } from "../components/json";
import type { CaseRun } from "./evaluation";
import { runLabel } from "./evaluation";
import type { JsonObject, JsonValue, SampleLine } from "./lines";
import type { Source } from "./sample-view";
import { SampleView } from "./sample-view";

/** The metrics of one model's evaluation of the sample shown. */
export interface SampleMetrics {
  testRunId: number;
  run: CaseRun;
  configuration: string;
  metrics: JsonObject | undefined;
}

/**
 * One sample at full size with every field: the sample (its text readable, its fields as a table), metadata,
 * ground truth, each model's inference and the metrics of the evaluation the gallery shows (one per model).
 */
export function SampleDetail({
  line,
  sources,
  metrics,
  legend,
  showLabels,
  onClose,
  onStep,
}: {
  line: SampleLine;
  sources: Source[];
  metrics: SampleMetrics[];
  legend: ReactNode;
  showLabels: boolean;
  onClose: () => void;
  onStep: (delta: number) => void;
}) {
  return (
    <Dialog label={`Sample ${line.id}`} onClose={onClose} className="sample-dialog">
      <div
        className="dialog-inner"
        onKeyDown={(event) => {
          // Arrows move between samples unless they move a control (a slider, a text cursor).
          if (
            event.target instanceof HTMLInputElement ||
            event.target instanceof HTMLTextAreaElement
          )
            return;
          if (event.key === "ArrowRight") onStep(1);
          if (event.key === "ArrowLeft") onStep(-1);
        }}
      >
        <div className="dialog-head">
          <h2>Sample {line.id}</h2>
          <span className="muted">← → to move, Esc to close</span>
          <button type="button" className="secondary" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        {legend}
        <div className="dialog-body">
          <SampleView line={line} sources={sources} large showLabels={showLabels} />
          <div className="fields">
            <h3>Test sample</h3>
            <FieldTable value={line.testSample} label="Test sample fields" />
            <h3>Metadata</h3>
            <FieldTable value={line.metadata} label="Metadata fields" />
            {sources.map((source) => (
              <div key={source.name}>
                <h3>
                  <span className="swatch outlined" style={{ background: source.color }} />{" "}
                  {source.name === "ground truth" ? "Ground truth" : source.name}
                </h3>
                {source.value === null ? (
                  <p className="mark missing">no inference for this sample</p>
                ) : (
                  <JsonView value={source.value} />
                )}
              </div>
            ))}
            {metrics.map((m) => (
              <div key={m.testRunId}>
                <h3>Metrics: {runLabel(m.run, m.configuration)}</h3>
                {m.metrics ? (
                  <JsonView value={m.metrics} />
                ) : (
                  <p className="muted">no metrics for this sample</p>
                )}
              </div>
            ))}
          </div>
        </div>
      </div>
    </Dialog>
  );
}

/** An object's fields as rows: long text wraps and stays readable, nested values print as JSON. */
function FieldTable({ value, label }: { value: JsonObject; label: string }) {
  const entries = Object.entries(value);
  if (entries.length === 0) return <p className="muted">none</p>;
  return (
    <table className="field-table" aria-label={label}>
      <tbody>
        {entries.map(([key, item]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>{cell(item)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cell(value: JsonValue) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || value === null)
    return String(value);
  return <JsonView value={value} />;
}
