import { z } from "zod";

/** How the keypoints evaluator reads samples and normalises errors; `{}` is valid. */
export const KeypointsOptions = z
  .object({
    /** Ground truth keypoints (a `Keypoints` annotation, or any object with `points`). */
    groundTruthField: z.string().min(1).default("keypoints"),
    /** Inferred keypoints, same order; missing or null is a failure to detect. */
    inferenceField: z.string().min(1).default("keypoints"),
    /**
     * The length errors are divided by: the inter-ocular distance of the ground truth (eye keypoints at
     * `leftEye` / `rightEye`, default 0 and 1), a number on the ground truth (`field`), or none (pixels).
     */
    normalization: z
      .discriminatedUnion("type", [
        z.object({
          type: z.literal("interocular"),
          leftEye: z.number().int().min(0).default(0),
          rightEye: z.number().int().min(0).default(1),
        }),
        z.object({ type: z.literal("field"), field: z.string().min(1) }),
        z.object({ type: z.literal("none") }),
      ])
      .default({ type: "interocular", leftEye: 0, rightEye: 1 }),
    /** Names of the keypoints, for the per-keypoint rows (default: their indices). */
    keypointNames: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type KeypointsOptions = z.input<typeof KeypointsOptions>;

/** A sample fails to align when its NME is above `threshold` (default 0.1, i.e. 10 % of the normaliser). */
export const KeypointsConfiguration = z
  .object({
    displayName: z.string().trim().min(1),
    threshold: z.number().min(0).default(0.1),
  })
  .strict();
export type KeypointsConfiguration = z.input<typeof KeypointsConfiguration>;
