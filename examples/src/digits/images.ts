import { readFileSync } from "node:fs";

import { decodePngRgb, encodePng } from "../shared/png";

/** Each of the 8×8 cells becomes an 8×8 block: 64×64 pixels, big enough to see in the web UI's gallery. */
const SCALE = 8;
const SIDE = 8;

/**
 * Draws a scan as a grey PNG, dark ink on white as scikit-learn plots them (`gray_r`). The grey of a cell is
 * `255 - round(255 * value / 16)`: distinct for every value 0..16, so `readDigit` gets the exact values back.
 */
export function renderDigit(pixels: readonly number[]): Buffer {
  const width = SIDE * SCALE;
  const data = new Uint8Array(width * width);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const value = pixels[Math.floor(y / SCALE) * SIDE + Math.floor(x / SCALE)] ?? 0;
      data[y * width + x] = 255 - Math.round((255 * value) / 16);
    }
  }
  return encodePng({ width, height: width, channels: 1, data });
}

/** Reads a digit image back into its 64 cell values (0..16), from the centre pixel of each block. */
export function readDigit(path: string): number[] {
  const image = decodePngRgb(readFileSync(path));
  if (image.width !== SIDE * SCALE || image.height !== SIDE * SCALE) {
    throw new Error(`${path}: expected a ${SIDE * SCALE}×${SIDE * SCALE} digit image`);
  }
  const cells: number[] = [];
  for (let row = 0; row < SIDE; row++) {
    for (let column = 0; column < SIDE; column++) {
      const x = column * SCALE + SCALE / 2;
      const y = row * SCALE + SCALE / 2;
      const grey = image.data[(y * image.width + x) * 3] as number;
      cells.push(Math.round(((255 - grey) * 16) / 255));
    }
  }
  return cells;
}
