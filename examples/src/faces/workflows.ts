import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  BoundingBox,
  defineWorkflow,
  GroundTruth,
  Image,
  ImageAsset,
  Inference,
  Keypoints,
  LabeledBoundingBox,
  Metadata,
  ScoredLabeledBoundingBox,
} from "@assay/sdk";
import { z } from "zod";

/**
 * Faces in a photo. There is no human ground truth for face-api's demo photos: the boxes of the larger detector,
 * SSD MobileNetV1, are the reference the tiny detector is measured against.
 */
export const faceDetection = defineWorkflow({
  name: "Face Detection",
  testSample: Image.extend({ metadata: Metadata }),
  groundTruth: GroundTruth.extend({ boxes: z.array(LabeledBoundingBox) }),
  inference: Inference.extend({ boxes: z.array(ScoredLabeledBoundingBox) }),
});

/**
 * The 68 landmarks of one face: the sample is the face cut out of its photo (the region the reference detector
 * found), and the reference is the larger landmark model's points on it, in the crop's pixels.
 */
export const faceLandmarks = defineWorkflow({
  name: "Face Landmarks",
  testSample: Image.extend({ photo: ImageAsset, face: BoundingBox, metadata: Metadata }),
  groundTruth: GroundTruth.extend({ keypoints: Keypoints }),
  inference: Inference.extend({ keypoints: Keypoints }),
});

export type FaceDetectionWorkflow = typeof faceDetection.workflow;
export type FaceLandmarksWorkflow = typeof faceLandmarks.workflow;

export const DETECTION_SUITE = "face-detection";
export const LANDMARKS_SUITE = "face-landmarks";

/**
 * PASCAL VOC matching at the usual IoU of 0.5, and at 0.3: the two detectors draw boxes of different shapes (SSD's
 * are taller), so many faces both find overlap less than half.
 */
export const DETECTION_EVALUATOR = {
  name: "object-detection",
  configurations: [
    { displayName: "IoU 0.5", iouThreshold: 0.5, thresholdStrategy: 0.5 },
    { displayName: "IoU 0.3", iouThreshold: 0.3, thresholdStrategy: 0.5 },
  ],
} satisfies BuiltInEvaluatorSpec;

/** Normalised mean error over the distance between the outer eye corners (points 36 and 45, as in 300-W). */
export const LANDMARKS_EVALUATOR = {
  name: "keypoints",
  options: { normalization: { type: "interocular", leftEye: 36, rightEye: 45 } },
  configurations: [
    { displayName: "NME 0.05", threshold: 0.05 },
    { displayName: "NME 0.1", threshold: 0.1 },
  ],
} satisfies BuiltInEvaluatorSpec;
