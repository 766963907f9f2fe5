import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder, scored } from "./shared";

/** A class name for a whole sample. */
export const ClassificationLabel = registerBase(
  z.looseObject({ label: z.string(), dataType: dataTypeField("ANNOTATION/LABEL") }),
);
/** A predicted class name with its confidence. */
export const ScoredClassificationLabel = ClassificationLabel.extend(scored);

export type ClassificationLabel = z.output<typeof ClassificationLabel>;
export type ScoredClassificationLabel = z.output<typeof ScoredClassificationLabel>;

export const classificationLabel = builder(ClassificationLabel, "ClassificationLabel");
export const scoredClassificationLabel = builder(
  ScoredClassificationLabel,
  "ScoredClassificationLabel",
);
