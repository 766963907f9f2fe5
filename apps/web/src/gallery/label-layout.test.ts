import { describe, expect, it } from "vitest";

import { CAPTION_PX, layoutCaptions } from "./label-layout";

describe("caption layout", () => {
  it("keeps captions the same size on screen whatever the image's scale", () => {
    const request = [{ text: "face 0.91", x: 100, y: 100, height: 50 }];
    const big = layoutCaptions(request, 0.25, { width: 4000, height: 3000 });
    const small = layoutCaptions(request, 2, { width: 400, height: 300 });
    // In image pixels, a caption on a photo shown at a quarter of its size is 8 times one on an image at 2×.
    expect((big[0]?.height ?? 0) * 0.25).toBeCloseTo(CAPTION_PX * 1.25);
    expect((small[0]?.height ?? 0) * 2).toBeCloseTo(CAPTION_PX * 1.25);
  });

  it("places above, then below, and leaves out a caption that would overlap another", () => {
    const placed = layoutCaptions(
      [
        { text: "a", x: 10, y: 40, height: 20 },
        { text: "b", x: 10, y: 40, height: 20 },
        { text: "c", x: 10, y: 40, height: 20 },
        { text: "d", x: 10, y: 40, height: 20 },
      ],
      1,
      { width: 200, height: 200 },
    );
    // Above the box, below it, inside its top: then no room is left without covering one.
    expect(placed.map((p) => p.text)).toEqual(["a", "b", "c"]);
    const [a, b] = placed;
    expect(a && a.y <= 40).toBe(true);
    expect(b && b.y > 60).toBe(true);
  });

  it("keeps a caption inside the image at its edges", () => {
    const [placed] = layoutCaptions([{ text: "long caption", x: 190, y: 0, height: 10 }], 1, {
      width: 200,
      height: 200,
    });
    expect(placed && placed.x + placed.width <= 200).toBe(true);
    // No room above the top edge: below the box instead.
    expect(placed && placed.y > 10).toBe(true);
  });
});
