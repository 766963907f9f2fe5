import { z } from "zod";

import { dataTypeField, registerBase } from "../schema/data-type";
import { builder, Point2D, Point3D } from "./shared";

/**
 * Points of interest on an image, in a fixed order (face landmarks, body joints). By convention an extra
 * `skeleton` field lists index pairs to connect.
 */
export const Keypoints = registerBase(
  z.looseObject({ points: z.array(Point2D), dataType: dataTypeField("ANNOTATION/KEYPOINTS") }),
);
export const Keypoints3D = registerBase(
  z.looseObject({ points: z.array(Point3D), dataType: dataTypeField("ANNOTATION/KEYPOINTS_3D") }),
);
/** An open line through its points (lane markings, contours). */
export const Polyline = registerBase(
  z.looseObject({ points: z.array(Point2D), dataType: dataTypeField("ANNOTATION/POLYLINE") }),
);
export const Polyline3D = registerBase(
  z.looseObject({ points: z.array(Point3D), dataType: dataTypeField("ANNOTATION/POLYLINE_3D") }),
);

export type Keypoints = z.output<typeof Keypoints>;
export type Keypoints3D = z.output<typeof Keypoints3D>;
export type Polyline = z.output<typeof Polyline>;
export type Polyline3D = z.output<typeof Polyline3D>;

export const keypoints = builder(Keypoints, "Keypoints");
export const keypoints3D = builder(Keypoints3D, "Keypoints3D");
export const polyline = builder(Polyline, "Polyline");
export const polyline3D = builder(Polyline3D, "Polyline3D");
