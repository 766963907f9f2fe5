import { z } from "zod";

import { clipBounds, clipIsOrdered, clipOrderError, ImageAsset } from "./assets";
import { dataTypeField, registerBase } from "./schema/data-type";

/**
 * The base test sample kinds. A workflow's test sample extends exactly one of them
 * (`Image.extend({ ... })`); the kind decides how the web UI shows the sample. `TestSample` itself is the
 * base for custom kinds. Fields a sample declares beyond these are kept; unknown keys are dropped, as for any
 * zod object (use `.loose()` to keep them or `.strict()` to reject them).
 */
export const TestSample = registerBase(z.object({ dataType: dataTypeField("TEST_SAMPLE/CUSTOM") }));

export const Image = registerBase(
  z.object({ locator: z.string(), dataType: dataTypeField("TEST_SAMPLE/IMAGE") }),
);
/** Inline text. */
export const Text = registerBase(
  z.object({ text: z.string(), dataType: dataTypeField("TEST_SAMPLE/TEXT") }),
);
/** A PDF or text document at `locator`. */
export const Document = registerBase(
  z.object({ locator: z.string(), dataType: dataTypeField("TEST_SAMPLE/DOCUMENT") }),
);
export const Video = registerBase(
  z
    .object({
      locator: z.string(),
      thumbnail: ImageAsset.optional(),
      ...clipBounds,
      dataType: dataTypeField("TEST_SAMPLE/VIDEO"),
    })
    .refine(clipIsOrdered, clipOrderError),
);
export const Audio = registerBase(
  z.object({ locator: z.string(), dataType: dataTypeField("TEST_SAMPLE/AUDIO") }),
);
export const PointCloud = registerBase(
  z.object({ locator: z.string(), dataType: dataTypeField("TEST_SAMPLE/POINT_CLOUD") }),
);

/** Several test samples shown as one (camera rigs, before/after pairs): its sample-typed fields are elements. */
export const Composite = registerBase(
  z.object({ dataType: dataTypeField("TEST_SAMPLE/COMPOSITE") }),
);
export const ImagePair = Composite.extend({ a: Image, b: Image });
export const ImageText = Composite.extend({ image: Image, text: Text });

/** The kinds a workflow's test sample can extend, by name, for messages and documentation. */
export const testSampleKinds = {
  TestSample,
  Image,
  Text,
  Document,
  Video,
  Audio,
  PointCloud,
  Composite,
} as const;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * Free-form facts about a sample (source, weather, annotator) used to filter and stratify. Values are
 * scalars or lists of scalars. Metadata is not part of a sample's identity: it is stored per sample and merged
 * key by key on every upload.
 */
export const Metadata = z.record(z.string(), z.union([scalar, z.array(scalar)])).default({});
export type Metadata = z.output<typeof Metadata>;

/** The base of a workflow's ground truth: extend it with the fields your test samples are labelled with. */
export const GroundTruth = z.object({});
/** The base of a workflow's inference: extend it with the fields your model produces. */
export const Inference = z.object({});

export type TestSample = z.output<typeof TestSample>;
export type Image = z.output<typeof Image>;
export type Text = z.output<typeof Text>;
export type Document = z.output<typeof Document>;
export type Video = z.output<typeof Video>;
export type Audio = z.output<typeof Audio>;
export type PointCloud = z.output<typeof PointCloud>;
export type Composite = z.output<typeof Composite>;
export type ImagePair = z.output<typeof ImagePair>;
export type ImageText = z.output<typeof ImageText>;
