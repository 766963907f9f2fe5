import { modelColor } from "../lib/colors";

/** Which models' inferences the gallery loads and draws, each with its colour once chosen. */
export function ModelPicker({
  models,
  chosen,
  onChange,
}: {
  models: { id: number; name: string }[];
  chosen: number[];
  onChange: (modelIds: number[]) => void;
}) {
  if (models.length === 0) return null;
  return (
    <fieldset className="toolbar model-picker">
      <legend>Models</legend>
      {models.map((model) => {
        const on = chosen.includes(model.id);
        return (
          <label key={model.id} className="inline">
            <input
              type="checkbox"
              checked={on}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...chosen, model.id] : chosen.filter((id) => id !== model.id),
                )
              }
            />
            {on && <span className="swatch" style={{ background: modelColor(model.id) }} />}{" "}
            {model.name}
          </label>
        );
      })}
    </fieldset>
  );
}
