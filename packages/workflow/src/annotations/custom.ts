import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder } from "./shared";

/** An annotation of a kind Assay does not draw; `kind` names it and extra fields carry its data. */
export const CustomAnnotation = registerBase(
  z.looseObject({ kind: z.string(), dataType: dataTypeField("ANNOTATION/CUSTOM") }),
);
export type CustomAnnotation = z.output<typeof CustomAnnotation>;
export const customAnnotation = builder(CustomAnnotation, "CustomAnnotation");
