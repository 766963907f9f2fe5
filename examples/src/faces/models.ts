import { readFileSync } from "node:fs";

import { keypoints, scoredLabeledBoundingBox } from "@assay/sdk";

import type { ModelSpec } from "../shared/models";
import { packageId } from "../shared/paths";
import { decodePngRgb } from "../shared/png";
import { decodeJpeg } from "./jpeg";
import { locateFaces, locateLandmarks } from "./nets";
import type { FaceDetectionWorkflow, FaceLandmarksWorkflow } from "./workflows";

/**
 * Boxes below this score are left out. It is lower than face-api's default (0.5) so the evaluator sees the
 * uncertain detections too: its precision-recall curve and F1-optimal threshold need them.
 */
const SCORE_THRESHOLD = 0.2;

/** face-api's tiny face detector (Tiny YOLO v2, 190 KB of weights) at one input size. */
export function tinyDetectorModel(inputSize: number): ModelSpec<FaceDetectionWorkflow> {
  return {
    name: `tiny-face-detector-${inputSize}`,
    metadata: {
      package: packageId("@vladmandic/face-api"),
      network: "tiny_face_detector (Tiny YOLO v2)",
      inputSize,
      scoreThreshold: SCORE_THRESHOLD,
      backend: "tfjs-core CPU",
    },
    tags: ["face-api", "detector", "tiny"],
    infer: async ({ locator }) => {
      const found = await locateFaces(decodeJpeg(readFileSync(locator)), {
        kind: "tiny",
        inputSize,
        scoreThreshold: SCORE_THRESHOLD,
      });
      return {
        boxes: found.map(({ x, y, width, height, score }) =>
          scoredLabeledBoundingBox({
            topLeft: [x, y],
            bottomRight: [x + width, y + height],
            label: "face",
            score,
          }),
        ),
      };
    },
  };
}

/** face-api's tiny 68-point landmark model (80 KB of weights) on the face crop. */
export const tinyLandmarksModel: ModelSpec<FaceLandmarksWorkflow> = {
  name: "face-landmark-68-tiny",
  metadata: {
    package: packageId("@vladmandic/face-api"),
    network: "face_landmark_68_tiny",
    backend: "tfjs-core CPU",
  },
  tags: ["face-api", "landmarks", "tiny"],
  infer: async ({ locator }) => ({
    keypoints: keypoints({
      points: await locateLandmarks(decodePngRgb(readFileSync(locator)), "tiny"),
    }),
  }),
};
