import { PNG } from "pngjs";

/** Pixels, row by row: `channels` bytes per pixel (1 grey, 3 RGB). */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/** Encodes a grey or RGB raster as a PNG file (lossless, so a model reading it back sees exactly these pixels). */
export function encodePng(raster: Raster): Buffer {
  const png = new PNG({
    width: raster.width,
    height: raster.height,
    colorType: raster.channels === 1 ? 0 : 2,
    inputColorType: raster.channels === 1 ? 0 : 2,
    inputHasAlpha: false,
  });
  png.data = Buffer.from(raster.data);
  return PNG.sync.write(png, {
    colorType: raster.channels === 1 ? 0 : 2,
    inputColorType: raster.channels === 1 ? 0 : 2,
    inputHasAlpha: false,
  });
}

/** Decodes a PNG file into an RGB raster (pngjs expands grey and drops alpha here). */
export function decodePngRgb(bytes: Buffer): Raster {
  const png = PNG.sync.read(bytes);
  const data = new Uint8Array(png.width * png.height * 3);
  for (let i = 0, j = 0; i < data.length; i += 3, j += 4) {
    data[i] = png.data[j] as number;
    data[i + 1] = png.data[j + 1] as number;
    data[i + 2] = png.data[j + 2] as number;
  }
  return { width: png.width, height: png.height, channels: 3, data };
}
