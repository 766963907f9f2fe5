import { MATCH_STYLE } from "./overlay";
import type { MatchKind } from "./overlay";

export interface LegendLayer {
  /** "truth", or a model's id. */
  key: string;
  name: string;
  color: string;
  hidden: boolean;
}

/**
 * What the overlay's colours and line styles mean, and the switches for each layer and for labels: one place, so
 * a colour is never shown without its name.
 */
export function Legend({
  layers,
  labels,
  matchKinds,
  onToggle,
  onLabels,
}: {
  layers: LegendLayer[];
  labels: boolean;
  /** The line styles in use (a detection evaluated): TP solid, FP dashed, … */
  matchKinds: MatchKind[];
  onToggle: (key: string) => void;
  onLabels: (shown: boolean) => void;
}) {
  return (
    <div className="legend" role="group" aria-label="Layers">
      {layers.map((layer) => (
        <button
          key={layer.key}
          type="button"
          className="legend-item"
          aria-pressed={!layer.hidden}
          data-layer={layer.key}
          onClick={() => onToggle(layer.key)}
        >
          <span
            className={`swatch${layer.key === "truth" ? " outlined" : ""}`}
            style={{ background: layer.color }}
          />
          {layer.name}
        </button>
      ))}
      <button
        type="button"
        className="legend-item"
        aria-pressed={labels}
        onClick={() => onLabels(!labels)}
      >
        Labels
      </button>
      {matchKinds.length > 0 && (
        <span className="line-key" aria-label="Line styles">
          {matchKinds.map((kind) => (
            <span key={kind} className="line-key-item">
              <svg width="28" height="10" aria-hidden>
                <line
                  x1="1"
                  y1="5"
                  x2="27"
                  y2="5"
                  stroke="currentColor"
                  strokeWidth={MATCH_STYLE[kind].width}
                  strokeDasharray={MATCH_STYLE[kind].dash}
                />
              </svg>
              {MATCH_STYLE[kind].name}
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
