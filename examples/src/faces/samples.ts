import { existsSync, readFileSync } from "node:fs";

import type { SamplePair, TestCaseOf } from "@assay/sdk";
import { boundingBox, keypoints, labeledBoundingBox } from "@assay/sdk";

import { writeIfChanged } from "../shared/files";
import { encodePng } from "../shared/png";
import { decodeJpeg } from "./jpeg";
import { crop, cropPath, photoPath } from "./photos";
import type { PhotoReference, ReferenceFace } from "./reference";
import type { FaceDetectionWorkflow, FaceLandmarksWorkflow } from "./workflows";

type Photos = readonly { photo: string; path: string }[];
type Reference = (photo: { photo: string; path: string }) => Promise<PhotoReference>;

/** Each photo with the reference detector's boxes as its ground truth. Lazy: SSD runs only if they are read. */
export async function* detectionPairs(
  photos: Photos,
  reference: Reference,
): AsyncGenerator<SamplePair<FaceDetectionWorkflow>> {
  for (const photo of photos) {
    const { width, height, faces } = await reference(photo);
    yield [
      { locator: photo.path, metadata: { photo: photo.photo, width, height, faces: faces.length } },
      {
        boxes: faces.map(({ found }) =>
          labeledBoundingBox({
            topLeft: [found.x, found.y],
            bottomRight: [found.x + found.width, found.y + found.height],
            label: "face",
          }),
        ),
      },
    ];
  }
}

/** Each reference face that `keep` accepts, with the larger landmark model's points as its ground truth. */
export async function* landmarkPairs(
  dataRoot: string,
  photos: Photos,
  reference: Reference,
  keep: (face: ReferenceFace) => boolean,
): AsyncGenerator<SamplePair<FaceLandmarksWorkflow>> {
  for (const photo of photos) {
    const { faces } = await reference(photo);
    for (const [i, face] of faces.entries()) {
      if (!keep(face)) continue;
      const { x0, y0, x1, y1 } = face.region;
      yield [
        {
          locator: cropPath(dataRoot, photo.photo, i + 1),
          photo: { locator: photoPath(dataRoot, photo.photo) },
          face: boundingBox({ topLeft: [x0, y0], bottomRight: [x1, y1] }),
          metadata: { photo: photo.photo, face: i + 1, ssdScore: face.found.score },
        },
        { keypoints: keypoints({ points: face.points }) },
      ];
    }
  }
}

/**
 * Writes the crop file of any face sample whose file is missing (a data root emptied while the store was kept),
 * from the photo and the face's region, which the sample records: no detector has to run again.
 */
export async function restoreCrops(testCase: TestCaseOf<FaceLandmarksWorkflow>): Promise<number> {
  let restored = 0;
  for (const [sample] of await testCase.loadTestSamples()) {
    if (existsSync(sample.locator)) continue;
    const [x0, y0] = sample.face.topLeft;
    const [x1, y1] = sample.face.bottomRight;
    const image = decodeJpeg(readFileSync(sample.photo.locator));
    writeIfChanged(sample.locator, encodePng(crop(image, { x0, y0, x1, y1 })));
    restored += 1;
  }
  return restored;
}
