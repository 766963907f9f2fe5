import { decode } from "jpeg-js";

import type { Raster } from "../shared/png";

/**
 * A JPEG file without its APP1 (Exif, XMP) and APP13 (IPTC) segments: the camera, the date and the GPS position
 * the demo photos carry. Every other byte is kept, so the image itself is unchanged (no re-encoding).
 */
export function stripMetadata(jpeg: Uint8Array): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error("not a JPEG file");
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let offset = 2;
  while (offset < jpeg.length) {
    if (jpeg[offset] !== 0xff) throw new Error(`no JPEG marker at byte ${offset}`);
    const marker = jpeg[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1; // a fill byte before a marker
      continue;
    }
    if (marker === 0xda) {
      // Start of scan: the compressed image follows, up to the end of the file. Keep it as it is.
      kept.push(jpeg.subarray(offset));
      break;
    }
    const length = ((jpeg[offset + 2] as number) << 8) | (jpeg[offset + 3] as number);
    if (marker !== 0xe1 && marker !== 0xed) kept.push(jpeg.subarray(offset, offset + 2 + length));
    offset += 2 + length;
  }
  return Buffer.concat(kept);
}

/** Decodes a JPEG file to RGB pixels. */
export function decodeJpeg(bytes: Uint8Array): Raster {
  const image = decode(bytes, { useTArray: true, formatAsRGBA: false });
  return { width: image.width, height: image.height, channels: 3, data: image.data };
}
