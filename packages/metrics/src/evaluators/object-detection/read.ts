import type { Geometry } from "../../geometry/shapes";
import { invalid } from "../../internal/checks";
import type { AnyRecord } from "../fields";
import { arrayAt, describe, readField } from "../fields";
import type { z } from "zod";
import type { ObjectDetectionOptions } from "./options";

export type DetectionBox = Geometry & AnyRecord & { readonly label: string };
export type ScoredDetectionBox = DetectionBox & { readonly score: number };

/** One sample's boxes, checked. */
export interface DetectionSample {
  readonly groundTruths: DetectionBox[];
  readonly ignoredGroundTruths: DetectionBox[];
  readonly inferences: ScoredDetectionBox[];
  /** The inference asked to be left out (Kolena's `Inference.ignored`). */
  readonly ignored: boolean;
}

function isPoint(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === "number" &&
    typeof value[1] === "number" &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

function checkGeometry(value: unknown, where: string, scored: boolean, labeled: boolean) {
  if (value === null || typeof value !== "object") {
    throw invalid(where, `expected a bounding box or polygon, got ${describe(value)}`);
  }
  const record = value as AnyRecord;
  const box = isPoint(record.topLeft) && isPoint(record.bottomRight);
  const polygon =
    Array.isArray(record.points) && record.points.length >= 3 && record.points.every(isPoint);
  if (!box && !polygon) {
    throw invalid(where, "expected a bounding box (topLeft, bottomRight) or a polygon (3+ points)");
  }
  if (scored && (typeof record.score !== "number" || Number.isNaN(record.score))) {
    throw invalid(`${where}.score`, `expected a number, got ${describe(record.score)}`);
  }
  if (labeled && typeof record.label !== "string") {
    throw invalid(`${where}.label`, `expected a label, got ${describe(record.label)}`);
  }
}

/**
 * Boxes read from raw JSON may lack their `dataType`; metrics hold them as annotations, which need it. Parsed
 * annotations already have it and are returned as they are.
 */
function withDataType(box: DetectionBox): DetectionBox {
  if (typeof box.dataType === "string") return box;
  return { ...box, dataType: "topLeft" in box ? "ANNOTATION/BOUNDING_BOX" : "ANNOTATION/POLYGON" };
}

/**
 * Reads and checks one sample. Unless `labeled` (many classes), boxes need no `label`.
 */
export function readDetectionSample(
  groundTruth: unknown,
  inference: unknown,
  options: z.output<typeof ObjectDetectionOptions>,
  index: number,
  labeled: boolean,
): DetectionSample {
  const read = (record: unknown, field: string, root: string, scored: boolean, optional: boolean) =>
    arrayAt(readField(record, field), `${root}[${index}].${field}`, optional).map((value, i) => {
      checkGeometry(value, `${root}[${index}].${field}[${i}]`, scored, labeled);
      return withDataType(value as DetectionBox);
    });
  const ignoredFlag = readField(inference, options.ignoredInferenceField);
  return {
    groundTruths: read(groundTruth, options.groundTruthField, "groundTruths", false, false),
    ignoredGroundTruths: read(
      groundTruth,
      options.ignoredGroundTruthField,
      "groundTruths",
      false,
      true,
    ),
    inferences: read(
      inference,
      options.inferenceField,
      "inferences",
      true,
      false,
    ) as ScoredDetectionBox[],
    ignored: ignoredFlag === true,
  };
}

/** The labels of a sample's boxes (ignored ground truths aside, as Kolena counts them). */
export function labelsOf(samples: readonly DetectionSample[]): Set<string> {
  const labels = new Set<string>();
  for (const sample of samples) {
    for (const box of sample.groundTruths) labels.add(box.label);
    for (const box of sample.inferences) labels.add(box.label);
  }
  return labels;
}
