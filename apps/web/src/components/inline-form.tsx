import { useState } from "react";

/** A one-field edit in place (a model's name or tags): Enter saves, Escape cancels. */
export function InlineForm(props: {
  label: string;
  initial: string;
  pending: boolean;
  error?: string | undefined;
  onSave: (value: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave(value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onCancel();
      }}
    >
      <label>
        {props.label}
        <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" disabled={props.pending}>
        Save
      </button>
      <button type="button" className="secondary" onClick={props.onCancel}>
        Cancel
      </button>
      {props.error && (
        <span className="error" role="alert">
          {props.error}
        </span>
      )}
    </form>
  );
}
