import { readFileSync } from "node:fs";
import { join } from "node:path";

import { writeIfChanged } from "../shared/files";
import { packageFile } from "../shared/paths";
import type { Raster } from "../shared/png";
import { stripMetadata } from "./jpeg";

/** The six demo photos that ship in `@vladmandic/face-api@1.7.15` (`demo/sample1.jpg` … `sample6.jpg`). */
export const PHOTOS = ["sample1", "sample2", "sample3", "sample4", "sample5", "sample6"];

/** Where a demo photo goes under the data root: the detection samples' locators. */
export function photoPath(dataRoot: string, photo: string): string {
  return join(dataRoot, "faces", "photos", `${photo}.jpg`);
}

/** Where the crop of one face goes under the data root: the landmark samples' locators. */
export function cropPath(dataRoot: string, photo: string, face: number): string {
  return join(dataRoot, "faces", "crops", `${photo}-face${face}.png`);
}

/**
 * Copies the demo photos under the data root without their Exif, XMP and IPTC metadata (they carry GPS
 * positions), and returns their paths. The pixels are untouched: only metadata segments are left out.
 */
export function preparePhotos(dataRoot: string): { photo: string; path: string }[] {
  return PHOTOS.map((photo) => {
    const path = photoPath(dataRoot, photo);
    writeIfChanged(
      path,
      stripMetadata(readFileSync(packageFile("@vladmandic/face-api", "demo", `${photo}.jpg`))),
    );
    return { photo, path };
  });
}

/** A region of an image in whole pixels: `[x0, x1) × [y0, y1)`. */
export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The whole-pixel region around a box, inside the image. */
export function regionOf(
  box: { x: number; y: number; width: number; height: number },
  image: Raster,
): Region {
  return {
    x0: Math.max(0, Math.floor(box.x)),
    y0: Math.max(0, Math.floor(box.y)),
    x1: Math.min(image.width, Math.ceil(box.x + box.width)),
    y1: Math.min(image.height, Math.ceil(box.y + box.height)),
  };
}

/** Cuts a region out of an RGB image. */
export function crop(image: Raster, region: Region): Raster {
  const width = region.x1 - region.x0;
  const height = region.y1 - region.y0;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((region.y0 + y) * image.width + region.x0) * 3;
    data.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, channels: 3, data };
}
