import type { JsonValue } from "@assay/workflow";
import { useState } from "react";

import type { Drawable } from "./annotations";
import { assetUrl, collectDrawables } from "./annotations";
import type { SampleLine } from "./lines";
import type { DetectionMatches } from "./matches";
import type { Layer, MatchKind, Shape } from "./overlay";
import { Overlay } from "./overlay";

/** One layer of a sample: ground truth, or a model's inference with what its evaluation says of it. */
export interface Source {
  name: string;
  color: string;
  /** The value; `null`: the model has no inference for this sample; `undefined`: not loaded yet. */
  value: JsonValue | null | undefined;
  /** A detection's matches (at the chosen threshold): the layer is drawn as TP / FP / FN. */
  matches?: DetectionMatches | undefined;
  /** What went wrong, in words for the tile ("2 FP · 1 FN", "predicted dog"); "" when nothing did. */
  mistake?: string | undefined;
  outline?: boolean;
}

/**
 * How a sample looks: an image with every annotation layer drawn over it, or text (or a media player) with the
 * labels given to it. Used by gallery tiles and the full-size view alike.
 */
export function SampleView({
  line,
  sources,
  large = false,
  showLabels = true,
}: {
  line: SampleLine;
  sources: Source[];
  large?: boolean;
  showLabels?: boolean;
}) {
  const locator = typeof line.testSample.locator === "string" ? line.testSample.locator : undefined;
  const type = typeof line.testSample.dataType === "string" ? line.testSample.dataType : "";
  const layers: Layer[] = [
    {
      source: "sample",
      color: "#fab005",
      shapes: collectDrawables({ ...line.testSample, dataType: undefined }),
    },
    ...sources.map((source) => ({
      source: source.name,
      color: source.color,
      outline: source.outline ?? false,
      shapes: source.matches ? matchShapes(source.matches) : collectDrawables(source.value),
    })),
  ];
  const labels = sources.flatMap((source) =>
    shownLabels(collectDrawables(source.value), large).map((d) => ({ ...d, source })),
  );
  const marks = (
    <div className="marks">
      {sources.map((source) =>
        source.value === null ? (
          <span key={source.name} className="mark missing" style={{ borderColor: source.color }}>
            no inference · {source.name}
          </span>
        ) : source.matches?.ignored ? (
          // The inference asked to be left out: neither right nor wrong, and said so.
          <span key={source.name} className="mark ignored" style={{ borderColor: source.color }}>
            ignored · {source.name}
          </span>
        ) : source.mistake ? (
          <span
            key={source.name}
            className="mark mistake"
            style={{ borderColor: source.color }}
            title={`${source.name}: ${source.mistake}`}
          >
            {source.mistake}
          </span>
        ) : null,
      )}
      {showLabels &&
        labels.map((label, i) => (
          <span
            key={i}
            className="chip"
            style={{ borderColor: label.source.color }}
            title={label.source.name}
          >
            {label.label}
            {label.score !== undefined && ` ${label.score.toFixed(2)}`}
          </span>
        ))}
    </div>
  );
  const text = line.testSample.text;
  if (typeof text === "string") {
    return (
      <div className={`sample text${large ? " large" : ""}`}>
        <p>{text}</p>
        {marks}
      </div>
    );
  }
  if (
    locator &&
    (type === "TEST_SAMPLE/IMAGE" || /\.(png|jpe?g|gif|webp|bmp|svg)$/i.test(locator))
  ) {
    return (
      <div className={`sample image${large ? " large" : ""}`}>
        <ImageWithOverlay
          src={assetUrl(locator)}
          layers={layers}
          showLabels={large && showLabels}
        />
        {marks}
      </div>
    );
  }
  if (locator && type === "TEST_SAMPLE/VIDEO")
    return <video className="sample media" src={assetUrl(locator)} controls={large} muted />;
  if (locator && type === "TEST_SAMPLE/AUDIO")
    return <audio className="sample media" src={assetUrl(locator)} controls />;
  return (
    <div className="sample other">
      <code>{locator ?? type}</code>
      {marks}
    </div>
  );
}

/** A detection drawn by its matches: inferences as TP / FP / confused, missed ground truths as FN. */
function matchShapes(matches: DetectionMatches): Shape[] {
  const of = (values: unknown[], match: MatchKind): Shape[] =>
    collectDrawables(values).map((d) => ({ ...d, match }));
  return [
    ...of(matches.fn, "fn"),
    ...of(matches.confused, "confused"),
    ...of(matches.fp, "fp"),
    ...of(matches.tp, "tp"),
  ];
}

function ImageWithOverlay({
  src,
  layers,
  showLabels,
}: {
  src: string;
  layers: Layer[];
  showLabels: boolean;
}) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  if (failed) return <div className="broken">image unavailable</div>;
  return (
    <div className="frame">
      <img
        src={src}
        alt=""
        loading="lazy"
        onLoad={(event) =>
          setSize({
            width: event.currentTarget.naturalWidth,
            height: event.currentTarget.naturalHeight,
          })
        }
        onError={() => setFailed(true)}
      />
      {size && (
        <Overlay width={size.width} height={size.height} layers={layers} showLabels={showLabels} />
      )}
    </div>
  );
}

type LabelDrawable = Extract<Drawable, { kind: "label" }>;

/**
 * The labels a sample shows for one source. A tile shows the source's own labels (a prediction), or when it has
 * only lists of them (per-class scores) the best-scored one; the full-size view shows every label.
 */
function shownLabels(drawables: Drawable[], large: boolean): LabelDrawable[] {
  const labels = drawables.filter((d): d is LabelDrawable => d.kind === "label");
  if (large) return labels;
  const own = labels.filter((d) => !d.listed);
  if (own.length > 0) return own;
  const best = labels.reduce<LabelDrawable | undefined>(
    (top, d) => (top === undefined || (d.score ?? -Infinity) > (top.score ?? -Infinity) ? d : top),
    undefined,
  );
  return best ? [best] : [];
}
