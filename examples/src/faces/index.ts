import type { ExampleOptions, ExampleReport } from "../shared/example";
import { initModel, testModels } from "../shared/models";
import { runAsScript } from "../shared/script";
import { tinyDetectorModel, tinyLandmarksModel } from "./models";
import { preparePhotos } from "./photos";
import { referenceCache } from "./reference";
import { detectionPairs, landmarkPairs, restoreCrops } from "./samples";
import {
  DETECTION_EVALUATOR,
  DETECTION_SUITE,
  faceDetection,
  faceLandmarks,
  LANDMARKS_EVALUATOR,
  LANDMARKS_SUITE,
} from "./workflows";

/** Tiny detector input sizes: face-api's default, and a smaller, faster one. */
export const DETECTOR_SIZES = [416, 320];

/**
 * The faces example: face-api's six demo photos (metadata stripped) under the data root. The larger models (SSD
 * MobileNetV1 and `face_landmark_68`) give the reference, as no human labelled these photos; the tiny detector at
 * two input sizes and the tiny landmark model are tested against it. The reference is computed only while the
 * test cases are being created: a second run reuses them and runs no network at all.
 */
export async function run(options: ExampleOptions): Promise<ExampleReport> {
  const log = options.log ?? console.log;
  const photos = preparePhotos(options.dataRoot);
  const reference = referenceCache(options.dataRoot, log);
  const description =
    "The six demo photos of @vladmandic/face-api 1.7.15 (Exif removed). Reference: SSD MobileNetV1 boxes " +
    "(score ≥ 0.5) and face_landmark_68 points; there is no human ground truth.";

  const detectionCases = await faceDetection.TestCase.initMany([
    ["faces: demo photos", detectionPairs(photos, reference)],
  ]);
  const detectionSuite = await faceDetection.TestSuite.init(DETECTION_SUITE, {
    testCases: detectionCases,
    description,
    tags: ["example", "image", "detection"],
  });

  const landmarkCases = await faceLandmarks.TestCase.initMany([
    ["faces: all faces", landmarkPairs(options.dataRoot, photos, reference, () => true)],
    [
      "faces: SSD score 0.9 and over",
      landmarkPairs(options.dataRoot, photos, reference, (face) => face.found.score >= 0.9),
    ],
    [
      "faces: SSD score under 0.9",
      landmarkPairs(options.dataRoot, photos, reference, (face) => face.found.score < 0.9),
    ],
  ]);
  const landmarksSuite = await faceLandmarks.TestSuite.init(LANDMARKS_SUITE, {
    testCases: landmarkCases,
    description: `${description} One sample per reference face, cut out of its photo.`,
    tags: ["example", "image", "keypoints"],
  });
  const [allFaces] = landmarkCases;
  const restored = allFaces ? await restoreCrops(allFaces) : 0;
  log(
    `faces: suites '${detectionSuite.name}' v${detectionSuite.version}, '${landmarksSuite.name}' ` +
      `v${landmarksSuite.version}` +
      (restored > 0 ? `; restored ${restored} missing face crops` : ""),
  );

  // One photo at a time: the CPU backend gains nothing from overlapping inferences, and memory stays bounded.
  const sequential = { ...options, concurrency: 1 };
  const detectors = [];
  for (const size of DETECTOR_SIZES) {
    detectors.push(await initModel(faceDetection.Model.init, tinyDetectorModel(size)));
  }
  const landmarkModel = await initModel(faceLandmarks.Model.init, tinyLandmarksModel);
  return {
    example: "faces",
    runs: [
      ...(await testModels(detectors, [detectionSuite], DETECTION_EVALUATOR, sequential)),
      ...(await testModels([landmarkModel], [landmarksSuite], LANDMARKS_EVALUATOR, sequential)),
    ],
  };
}

await runAsScript(import.meta.url, run);
