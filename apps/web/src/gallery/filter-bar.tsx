import { useState } from "react";

import type { FilterOp, FilterTarget, SampleFilter } from "./filters";
import { describeFilter, encodeFilter, filterValue, OPS, TARGETS } from "./filters";
import type { RunRef } from "./sample-detail";

/** Active filters as removable chips, and a form to add one on metadata, sample, ground truth, inference or metric fields. */
export function FilterBar({
  filters,
  models,
  runs,
  onChange,
}: {
  filters: SampleFilter[];
  models: { id: number; name: string }[];
  runs: RunRef[];
  onChange: (encoded: string[]) => void;
}) {
  const [target, setTarget] = useState<FilterTarget>("metadata");
  const [path, setPath] = useState("");
  const [op, setOp] = useState<FilterOp>("eq");
  const [value, setValue] = useState("");
  const [ref, setRef] = useState("");
  const modelName = (id: number) => models.find((m) => m.id === id)?.name ?? `model ${id}`;
  const needsRef = target === "inference" || target === "metrics";
  const refs =
    target === "inference"
      ? models.map((m) => ({ value: String(m.id), label: m.name }))
      : runs.map((r) => ({
          value: `${r.testRunId}:${r.configuration}`,
          label: `${r.modelName}${r.configuration ? ` (${r.configuration})` : ""}`,
        }));
  const add = () => {
    const filter: SampleFilter = {
      target,
      path: path.trim(),
      op,
      value: op === "exists" ? null : filterValue(value),
    };
    const chosen = ref || refs[0]?.value;
    if (target === "inference") filter.modelId = Number(chosen);
    if (target === "metrics") {
      const [run, configuration] = (chosen ?? "").split(":");
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
          aria-label={`Remove filter ${describeFilter(filter, modelName)}`}
          onClick={() => onChange(filters.filter((_, j) => j !== i).map(encodeFilter))}
        >
          {describeFilter(filter, modelName)} ×
        </button>
      ))}
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim() && (!needsRef || refs.length > 0)) add();
        }}
      >
        <select
          aria-label="Filter on"
          value={target}
          onChange={(e) => setTarget(e.target.value as FilterTarget)}
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
            value={ref}
            onChange={(e) => setRef(e.target.value)}
          >
            {refs.length === 0 && (
              <option value="">
                {target === "inference" ? "choose a model above" : "no run holds this test case"}
              </option>
            )}
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
        <button type="submit" className="secondary" disabled={!path.trim()}>
          Add filter
        </button>
      </form>
    </div>
  );
}
