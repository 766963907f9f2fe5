import { z } from "zod";

import { dataTypeField, registerBase } from "./schema/data-type";

/**
 * Files that belong to a sample, ground truth or inference without being annotations. A `locator` is an
 * `http(s)` URL or a local path served by the asset proxy from a configured data root.
 */
export const ImageAsset = registerBase(
  z.looseObject({ locator: z.string(), dataType: dataTypeField("ASSET/IMAGE") }),
);
export const PlainTextAsset = registerBase(
  z.looseObject({ locator: z.string(), dataType: dataTypeField("ASSET/PLAIN_TEXT") }),
);
export const BinaryAsset = registerBase(
  z.looseObject({ locator: z.string(), dataType: dataTypeField("ASSET/BINARY") }),
);
/** A `.pcd`, `.npy` or `.npz` file; by convention an extra `npzKey` names the array inside an `.npz`. */
export const PointCloudAsset = registerBase(
  z.looseObject({ locator: z.string(), dataType: dataTypeField("ASSET/POINT_CLOUD") }),
);
export const AudioAsset = registerBase(
  z.looseObject({ locator: z.string(), dataType: dataTypeField("ASSET/AUDIO") }),
);
/** A `.ply` mesh. */
export const MeshAsset = registerBase(
  z.looseObject({ locator: z.string(), dataType: dataTypeField("ASSET/MESH") }),
);

/** Checks shared by video assets and video test samples: a clip lies at or after 0 and ends after it starts. */
export const clipBounds = {
  start: z.number().min(0, "start must not be negative").optional(),
  end: z.number().min(0, "end must not be negative").optional(),
};
export function clipIsOrdered(clip: { start?: number | undefined; end?: number | undefined }) {
  return clip.start === undefined || clip.end === undefined || !(clip.start > clip.end);
}
export const clipOrderError = { path: ["end"], error: "end must not be before start" };

/** A video file, optionally clipped to `[start, end]` seconds, with a thumbnail and a frame rate. */
export const VideoAsset = registerBase(
  z
    .looseObject({
      locator: z.string(),
      thumbnail: ImageAsset.optional(),
      ...clipBounds,
      frameRate: z.number().positive("frameRate must be positive").optional(),
      dataType: dataTypeField("ASSET/VIDEO"),
    })
    .refine(clipIsOrdered, clipOrderError),
);

export type ImageAsset = z.output<typeof ImageAsset>;
export type PlainTextAsset = z.output<typeof PlainTextAsset>;
export type BinaryAsset = z.output<typeof BinaryAsset>;
export type PointCloudAsset = z.output<typeof PointCloudAsset>;
export type AudioAsset = z.output<typeof AudioAsset>;
export type MeshAsset = z.output<typeof MeshAsset>;
export type VideoAsset = z.output<typeof VideoAsset>;
