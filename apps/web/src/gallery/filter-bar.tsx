import { useState } from "react";

import type { CaseRun } from "./evaluation";
import { runLabel } from "./evaluation";
import type { FilterOp, FilterTarget, SampleFilter } from "./filters";
import { describeFilter, encodeFilter, filterValue, OPS, TARGETS } from "./filters";

/**
 * Active filters as removable chips, and a form to add one on metadata, sample, ground truth, inference or metric
 * fields. A filter on a model's inference or metrics asks which one: nothing is chosen for the user, since two
 * runs of one model (on two suites) hold different metrics.
 */
export function FilterBar({
  filters,
  models,
  runs,
  onChange,
}: {
  filters: SampleFilter[];
  models: { id: number; name: string }[];
  runs: CaseRun[];
  onChange: (encoded: string[]) => void;
}) {
  const [target, setTarget] = useState<FilterTarget>("metadata");
  const [path, setPath] = useState("");
  const [op, setOp] = useState<FilterOp>("eq");
  const [value, setValue] = useState("");
  const [ref, setRef] = useState("");
  const names = {
    model: (id: number) => models.find((m) => m.id === id)?.name ?? `model ${id}`,
    run: (testRunId: number, configuration: string) => {
      const run = runs.find((r) => r.testRunId === testRunId);
      return run && runLabel(run, configuration);
    },
  };
  const needsRef = target === "inference" || target === "metrics";
  const refs =
    target === "inference"
      ? models.map((m) => ({ value: String(m.id), label: m.name }))
      : runs.flatMap((run) =>
          run.configurations.map((configuration) => ({
            value: `${run.testRunId}:${configuration}`,
            label: runLabel(run, configuration),
          })),
        );
  const chosen = refs.some((r) => r.value === ref) ? ref : "";
  const ready = path.trim() !== "" && (!needsRef || chosen !== "");
  const add = () => {
    const filter: SampleFilter = {
      target,
      path: path.trim(),
      op,
      value: op === "exists" ? null : filterValue(value),
    };
    if (target === "inference") filter.modelId = Number(chosen);
    if (target === "metrics") {
      const [run, configuration] = chosen.split(/:(.*)/s);
      filter.testRunId = Number(run);
      filter.configuration = configuration ?? "";
    }
    onChange([...filters, filter].map(encodeFilter));
    setPath("");
    setValue("");
  };
  return (
    <div className="toolbar filters">
      {filters.map((filter, i) => (
        <button
          key={encodeFilter(filter)}
          type="button"
          className="tag active"
          aria-label={`Remove filter ${describeFilter(filter, names)}`}
          onClick={() => onChange(filters.filter((_, j) => j !== i).map(encodeFilter))}
        >
          {describeFilter(filter, names)} ×
        </button>
      ))}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) add();
        }}
      >
        <select
          aria-label="Filter on"
          value={target}
          onChange={(e) => {
            setTarget(e.target.value as FilterTarget);
            setRef("");
          }}
        >
          {Object.entries(TARGETS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        {needsRef && (
          <select
            aria-label={target === "inference" ? "Model" : "Test run"}
            value={chosen}
            onChange={(e) => setRef(e.target.value)}
          >
            <option value="">
              {refs.length === 0
                ? target === "inference"
                  ? "choose a model above"
                  : "no run of a chosen model holds this test case"
                : target === "inference"
                  ? "choose a model…"
                  : "choose a run…"}
            </option>
            {refs.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        )}
        <input
          aria-label="Field"
          placeholder="field, e.g. weather or label.label"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <select
          aria-label="Comparison"
          value={op}
          onChange={(e) => setOp(e.target.value as FilterOp)}
        >
          {Object.entries(OPS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        {op !== "exists" && (
          <input
            aria-label="Value"
            placeholder="value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        <button type="submit" className="secondary" disabled={!ready}>
          Add filter
        </button>
      </form>
    </div>
  );
}
