/** A caption to place by a box, in image pixels. */
export interface CaptionRequest {
  text: string;
  x: number;
  y: number;
  /** The box's height: a caption that fits neither above nor below is placed inside its top. */
  height: number;
}

export interface PlacedCaption {
  /** The request's index. */
  index: number;
  text: string;
  x: number;
  /** The text's baseline. */
  y: number;
  width: number;
  height: number;
}

/** Screen pixels of a caption's font, whatever the image's scale. */
export const CAPTION_PX = 12;

/**
 * Places box captions at a fixed on-screen size (`CAPTION_PX`, turned into image pixels by `scale`, the screen
 * pixels per image pixel), above the box, else below it, else inside its top; a caption that would overlap one
 * already placed is left out rather than drawn over it (the box and the legend still say whose it is).
 * Width is estimated from the character count: exact text metrics would need the DOM, and the estimate errs wide.
 */
export function layoutCaptions(
  requests: readonly CaptionRequest[],
  scale: number,
  image: { width: number; height: number },
): PlacedCaption[] {
  const size = CAPTION_PX / Math.max(scale, 1e-6);
  const placed: PlacedCaption[] = [];
  for (const [index, request] of requests.entries()) {
    const width = request.text.length * size * 0.62 + size * 0.4;
    const height = size * 1.25;
    const x = Math.min(Math.max(request.x, 0), Math.max(image.width - width, 0));
    const tops = [request.y - height, request.y + request.height, request.y].filter(
      (top) => top >= 0 && top + height <= image.height,
    );
    const top = tops.find(
      (candidate) => !placed.some((p) => overlaps(p, { x, top: candidate, width, height })),
    );
    if (top === undefined) continue;
    placed.push({ index, text: request.text, x, y: top + size, width, height });
  }
  return placed;
}

function overlaps(
  a: PlacedCaption,
  b: { x: number; top: number; width: number; height: number },
): boolean {
  const aTop = a.y - a.height * 0.8;
  return (
    a.x < b.x + b.width && b.x < a.x + a.width && aTop < b.top + b.height && b.top < aTop + a.height
  );
}
