import { readFileSync } from "node:fs";

import { writeIfChanged } from "../shared/files";
import { encodePng } from "../shared/png";
import { decodeJpeg } from "./jpeg";
import type { FoundFace } from "./nets";
import { locateFaces, locateLandmarks } from "./nets";
import type { Region } from "./photos";
import { crop, cropPath, regionOf } from "./photos";

/** One face of the reference: SSD's box, the region cut out around it, and the full landmark model's points. */
export interface ReferenceFace {
  /** SSD MobileNetV1's box, in photo pixels. */
  found: FoundFace;
  /** The whole-pixel region written to the face's crop file. */
  region: Region;
  /** `face_landmark_68`'s 68 points on the crop, in the crop's pixels. */
  points: [number, number][];
}

export interface PhotoReference {
  photo: string;
  path: string;
  width: number;
  height: number;
  faces: ReferenceFace[];
}

/** face-api's default confidence for SSD MobileNetV1. */
export const REFERENCE_MIN_CONFIDENCE = 0.5;

/**
 * The reference for each photo, computed at most once per process: the larger detector's faces, each cut out to a
 * PNG file under the data root, and the larger landmark model's points on that file's pixels. SSD MobileNetV1 is
 * what makes the faces example slow (10–15 s a photo on one CPU core); nothing else needs it.
 */
export function referenceCache(
  dataRoot: string,
  log: (line: string) => void,
): (photo: { photo: string; path: string }) => Promise<PhotoReference> {
  const cache = new Map<string, Promise<PhotoReference>>();
  return (photo) => {
    let reference = cache.get(photo.path);
    if (!reference) {
      reference = computeReference(dataRoot, photo, log);
      cache.set(photo.path, reference);
    }
    return reference;
  };
}

async function computeReference(
  dataRoot: string,
  { photo, path }: { photo: string; path: string },
  log: (line: string) => void,
): Promise<PhotoReference> {
  const started = performance.now();
  const image = decodeJpeg(readFileSync(path));
  const found = await locateFaces(image, { kind: "ssd", minConfidence: REFERENCE_MIN_CONFIDENCE });
  const faces: ReferenceFace[] = [];
  for (const [i, face] of found.entries()) {
    const region = regionOf(face, image);
    const pixels = crop(image, region);
    // The landmark models read the crop file; the reference sees exactly the pixels they will (PNG is lossless).
    writeIfChanged(cropPath(dataRoot, photo, i + 1), encodePng(pixels));
    faces.push({ found: face, region, points: await locateLandmarks(pixels, "full") });
  }
  const seconds = (performance.now() - started) / 1000;
  log(
    `faces: reference for ${photo}: ${faces.length} faces (SSD MobileNetV1) in ${seconds.toFixed(1)} s`,
  );
  return { photo, path, width: image.width, height: image.height, faces };
}
