import { useId, useState } from "react";

import type { MetadataFilter, Op } from "../lib/metadata-filter";
import { describeFilter, OPS, parseValue } from "../lib/metadata-filter";

/**
 * The models page's metadata filters: a key (suggested from the metadata on screen), an operator and a value
 * make one filter; each shows as a chip that removes it. The page keeps them in the URL and the server applies
 * them, so a filter covers every page of models, not only the one shown.
 */
export function MetadataFilters({
  filters,
  keys,
  onChange,
}: {
  filters: readonly MetadataFilter[];
  /** Keys to suggest: those of the models on screen. */
  keys: readonly string[];
  onChange: (filters: MetadataFilter[]) => void;
}) {
  const [path, setPath] = useState("");
  const [op, setOp] = useState<Op>("eq");
  const [value, setValue] = useState("");
  const listId = useId();
  return (
    <>
      <form
        className="metadata-filter"
        aria-label="Filter by metadata"
        onSubmit={(event) => {
          event.preventDefault();
          if (!path.trim()) return;
          const next = { path: path.trim(), op, value: parseValue(op, value) };
          onChange([...filters, op === "exists" ? { path: next.path, op } : next]);
          setPath("");
          setValue("");
        }}
      >
        <input
          aria-label="Metadata key"
          placeholder="Metadata key"
          list={listId}
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <datalist id={listId}>
          {keys.map((key) => (
            <option key={key} value={key} />
          ))}
        </datalist>
        <select aria-label="Comparison" value={op} onChange={(e) => setOp(e.target.value as Op)}>
          {Object.entries(OPS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        {op !== "exists" && (
          <input
            aria-label="Metadata value"
            placeholder={op === "in" ? "a, b, c" : "Value"}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        <button type="submit" className="secondary" disabled={!path.trim()}>
          Add filter
        </button>
      </form>
      {filters.map((filter, i) => (
        <button
          key={`${i}:${describeFilter(filter)}`}
          type="button"
          className="tag active"
          aria-label={`Remove metadata filter ${describeFilter(filter)}`}
          onClick={() => onChange(filters.filter((_, j) => j !== i))}
        >
          {describeFilter(filter)} ×
        </button>
      ))}
    </>
  );
}

/** Columns for chosen metadata keys: a key to add (suggested from the metadata on screen), chips to remove. */
export function MetadataColumns({
  columns,
  keys,
  onChange,
}: {
  columns: readonly string[];
  keys: readonly string[];
  onChange: (columns: string[]) => void;
}) {
  const [key, setKey] = useState("");
  const listId = useId();
  const offered = keys.filter((k) => !columns.includes(k));
  return (
    <form
      className="metadata-columns"
      aria-label="Metadata columns"
      onSubmit={(event) => {
        event.preventDefault();
        const wanted = key.trim();
        if (wanted && !columns.includes(wanted)) onChange([...columns, wanted]);
        setKey("");
      }}
    >
      <input
        aria-label="Show metadata column"
        placeholder="Column: metadata key"
        list={listId}
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />
      <datalist id={listId}>
        {offered.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <button type="submit" className="secondary" disabled={!key.trim()}>
        Add column
      </button>
    </form>
  );
}
