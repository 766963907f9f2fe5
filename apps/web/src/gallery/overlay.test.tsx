import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { collectDrawables } from "./annotations";
import { Overlay } from "./overlay";

afterEach(cleanup);

const truth = {
  boxes: [
    { topLeft: [10, 20], bottomRight: [50, 60], label: "car", dataType: "ANNOTATION/BOUNDING_BOX" },
  ],
  outline: {
    points: [
      [0, 0],
      [10, 0],
      [10, 10],
    ],
    dataType: "ANNOTATION/POLYGON",
  },
  lane: {
    points: [
      [0, 5],
      [20, 25],
    ],
    dataType: "ANNOTATION/POLYLINE",
  },
  pose: {
    points: [
      [1, 1],
      [2, 2],
      [3, 3],
    ],
    dataType: "ANNOTATION/KEYPOINTS",
  },
  mask: {
    locator: "/data/masks/1.png",
    labels: { 1: "car" },
    dataType: "ANNOTATION/SEGMENTATION_MASK",
  },
};

describe("Overlay", () => {
  it("draws each kind of annotation in the image's own pixel coordinates", () => {
    const { container } = render(
      <Overlay
        width={640}
        height={480}
        showLabels
        layers={[{ source: "ground truth", color: "#18a058", shapes: collectDrawables(truth) }]}
      />,
    );
    const svg = container.querySelector("svg.overlay");
    expect(svg?.getAttribute("viewBox")).toBe("0 0 640 480");
    const layer = container.querySelector('g[data-source="ground truth"]');
    expect(layer?.getAttribute("stroke")).toBe("#18a058");
    const rect = layer?.querySelector('[data-kind="box"] rect');
    expect([
      rect?.getAttribute("x"),
      rect?.getAttribute("y"),
      rect?.getAttribute("width"),
      rect?.getAttribute("height"),
    ]).toEqual(["10", "20", "40", "40"]);
    // Captions are laid out together above the layers, so one never covers another's.
    expect(container.querySelector("g.captions text")?.textContent).toBe("car");
    expect(layer?.querySelector('[data-kind="polygon"]')?.getAttribute("points")).toBe(
      "0,0 10,0 10,10",
    );
    expect(layer?.querySelector('[data-kind="polyline"]')?.getAttribute("points")).toBe(
      "0,5 20,25",
    );
    expect(layer?.querySelectorAll('[data-kind="keypoints"] circle')).toHaveLength(3);
    expect(layer?.querySelector('[data-kind="mask"]')?.getAttribute("href")).toBe(
      `/assets?path=${encodeURIComponent("/data/masks/1.png")}`,
    );
  });

  it("keeps one group per source, so ground truth and each model can be told apart", () => {
    const box = (x: number, score?: number) => ({
      topLeft: [x, 0],
      bottomRight: [x + 5, 5],
      score,
      dataType: "ANNOTATION/BOUNDING_BOX",
    });
    const { container } = render(
      <Overlay
        width={100}
        height={100}
        showLabels={false}
        layers={[
          { source: "ground truth", color: "green", shapes: collectDrawables([box(0)]) },
          {
            source: "model-a",
            color: "blue",
            shapes: collectDrawables([box(10, 0.9), box(20, 0.4)]),
          },
        ]}
      />,
    );
    expect(container.querySelectorAll('g[data-source="model-a"] [data-kind="box"]')).toHaveLength(
      2,
    );
    expect(container.querySelectorAll("text")).toHaveLength(0);
  });
});
