import type { JsonValue } from "@assay/workflow";
import { canonicalStringify, parseJson } from "@assay/workflow/wire";
import { useState } from "react";

/** Pretty JSON with NaN and ±Infinity written as their tokens (plain JSON.stringify would print null). */
export function prettyJson(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return canonicalStringify(value);
  if (typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + prettyJson(item, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${prettyJson(item, inner)}`).join(",\n")}\n${indent}}`;
}

export function JsonView({ value, label }: { value: unknown; label?: string }) {
  return (
    <pre className="json" aria-label={label}>
      {prettyJson(value)}
    </pre>
  );
}

/** Parses editor text as a JSON object (NaN and Infinity allowed), or says what is wrong. */
export function parseJsonObject(
  text: string,
): { value: Record<string, JsonValue> } | { error: string } {
  let value: JsonValue;
  try {
    value = parseJson(text);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { error: 'metadata must be a JSON object, like {"framework": "onnx"}' };
  }
  return { value };
}

/** A JSON object editor that only lets valid objects be saved. */
export function JsonEditor({
  initial,
  onSave,
  onCancel,
  saving,
  saveError,
}: {
  initial: unknown;
  onSave: (value: Record<string, JsonValue>) => void;
  onCancel: () => void;
  saving?: boolean;
  saveError?: string | undefined;
}) {
  const [text, setText] = useState(() => prettyJson(initial));
  const parsed = parseJsonObject(text);
  const error = "error" in parsed ? parsed.error : undefined;
  return (
    <form
      className="json-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if ("value" in parsed) onSave(parsed.value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <textarea
        aria-label="Metadata JSON"
        value={text}
        spellCheck={false}
        rows={Math.min(24, Math.max(6, text.split("\n").length + 1))}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={error !== undefined}
      />
      {(error ?? saveError) && (
        <p className="error" role="alert">
          {error ?? saveError}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={error !== undefined || saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
