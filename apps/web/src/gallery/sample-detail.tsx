import { decodeLines } from "@assay/workflow/wire";
import { useQueries } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

import { JsonView } from "../components/json";
import { trpc } from "../lib/trpc";
import type { SampleLine, Source } from "./sample-view";
import { SampleView } from "./sample-view";

export interface RunRef {
  modelName: string;
  testRunId: number;
  configuration: string;
}

/** One sample at full size with every field: the sample, its metadata, ground truth, inferences and metrics. */
export function SampleDetail({
  line,
  sources,
  runs,
  testCaseId,
  onClose,
  onStep,
}: {
  line: SampleLine;
  sources: Source[];
  runs: RunRef[];
  testCaseId: number;
  onClose: () => void;
  onStep: (delta: number) => void;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);
  const metrics = useQueries({
    queries: runs.map((run) =>
      trpc.testRun.sampleMetricsFor.queryOptions({
        testRunId: run.testRunId,
        configuration: run.configuration,
        testCaseId,
        sampleIds: [line.id],
      }),
    ),
  });
  return (
    <div className="backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={`Sample ${line.id}`}
        tabIndex={-1}
        ref={dialog}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === "Escape") onClose();
          if (event.key === "ArrowRight") onStep(1);
          if (event.key === "ArrowLeft") onStep(-1);
        }}
      >
        <div className="dialog-head">
          <strong>Sample {line.id}</strong>
          <span className="muted">← → to move, Esc to close</span>
          <button type="button" className="secondary" onClick={onClose} aria-label="Close">
            ×
          </button>
        </div>
        <div className="dialog-body">
          <SampleView line={line} sources={sources} large />
          <div className="fields">
            <h3>Test sample</h3>
            <JsonView value={line.testSample} />
            <h3>Metadata</h3>
            <JsonView value={line.metadata} />
            {sources.map((source) => (
              <div key={source.name}>
                <h3 style={{ color: source.color }}>{source.name}</h3>
                <JsonView value={source.value ?? "no inference for this sample"} />
              </div>
            ))}
            {runs.map((run, i) => {
              const text = metrics[i]?.data?.lines;
              return text ? (
                <div key={run.testRunId}>
                  <h3>Metrics: {run.modelName}</h3>
                  <JsonView
                    value={(decodeLines(text)[0] as { metrics?: unknown } | undefined)?.metrics}
                  />
                </div>
              ) : null;
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
