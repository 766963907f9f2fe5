import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder } from "./shared";

const pixelValue = z
  .string()
  .regex(/^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/, "keys are pixel values from 0 to 255");

/**
 * A single-channel 8-bit image at `locator` whose pixel values map to class names through `labels`; other
 * values are background.
 */
export const SegmentationMask = registerBase(
  z.looseObject({
    labels: z.record(pixelValue, z.string()),
    locator: z.string(),
    dataType: dataTypeField("ANNOTATION/SEGMENTATION_MASK"),
  }),
);
/** Any RGBA image drawn over the sample, scaled to fit (activation maps, heat maps). */
export const BitmapMask = registerBase(
  z.looseObject({ locator: z.string(), dataType: dataTypeField("ANNOTATION/BITMAP_MASK") }),
);

export type SegmentationMask = z.output<typeof SegmentationMask>;
export type BitmapMask = z.output<typeof BitmapMask>;

export const segmentationMask = builder(SegmentationMask, "SegmentationMask");
export const bitmapMask = builder(BitmapMask, "BitmapMask");
