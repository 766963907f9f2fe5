import type { CellComparison } from "@assay/workflow";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { columnFormat } from "../lib/format";
import type { Comparison, MatrixProps, Metrics } from "./matrix";
import { Matrix } from "./matrix";

afterEach(cleanup);

// The DOM environment does no layout; the virtualised matrix needs its scroller to have a size to render rows.
const layout = { clientWidth: 1200, clientHeight: 800 };
beforeAll(() => {
  for (const [key, value] of Object.entries(layout)) {
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const key of Object.keys(layout)) Reflect.deleteProperty(HTMLElement.prototype, key);
});

const testCase = (id: number, name: string, sampleCount: number): TestCaseRecord => ({
  id,
  testCaseId: id,
  name,
  workflow: "w",
  version: 1,
  description: "",
  sampleCount,
  createdAt: new Date(0),
});

const models = [
  { id: 1, name: "reference", testRunId: 11 },
  { id: 2, name: "candidate", testRunId: 12 },
];
const metrics: Record<string, Metrics> = {
  "1:100": { accuracy: 0.95, n: 400 },
  "2:100": { accuracy: 0.8, n: 400 },
  "1:200": { accuracy: 0.9, n: 20 },
  "2:200": { accuracy: 0.85, n: 20 },
};
/** A row as the server's engine answers it: McNemar on the candidate's accuracy. */
const row = (n: number, adjustedPValue: number, difference: number): Comparison => {
  const significant = adjustedPValue < 0.05;
  const cell: CellComparison = {
    tested: true,
    n,
    difference,
    lower: difference - 0.05,
    upper: difference + 0.05,
    test: "mcnemar",
    pValue: adjustedPValue,
    adjustedPValue,
    significant,
    verdict: significant ? (difference > 0 ? "improved" : "regressed") : "unchanged",
  };
  return { cells: new Map([["2:accuracy", cell]]), pairedSamples: n };
};

function renderMatrix(overrides: Partial<MatrixProps> = {}) {
  return render(
    <Matrix
      testCases={[testCase(100, "daylight", 400), testCase(200, "night", 20)]}
      models={models}
      referenceId={1}
      metrics={["accuracy"]}
      meanings={{
        accuracy: {
          kind: "proportion",
          of: "correct",
          higherIsBetter: true,
          displayName: "Accuracy",
        },
      }}
      configuration=""
      loaded={() => true}
      scope={{ testSuiteId: 1, evaluator: "" }}
      fields={{ correct: "boolean" }}
      open={new Set()}
      format={() => columnFormat([0.95, 0.8, 0.9, 0.85])}
      onToggle={() => undefined}
      cell={(modelId, testCaseId) => metrics[`${modelId}:${testCaseId}`]}
      comparison={(testCaseId) =>
        testCaseId === 100 ? row(400, 0.0001, -0.15) : row(20, 0.6, -0.05)
      }
      {...overrides}
    />,
  );
}

const cellOf = (container: HTMLElement, testCase: string, model: string) =>
  container.querySelector(
    `[data-test-case="${testCase}"] [data-model="${model}"][data-metric="accuracy"]`,
  ) as HTMLElement;

describe("Matrix", () => {
  it("colours a difference only when its test finds it significant, and names the test", () => {
    const { container } = renderMatrix();
    const regressed = cellOf(container, "daylight", "candidate");
    expect(regressed.dataset.significance).toBe("regressed");
    expect(regressed.className).toContain("significant regressed");
    expect(regressed.title).toMatch(/McNemar's test: .*Benjamini–Hochberg-adjusted p = 0\.0001,/);
    expect(regressed.dataset.test).toBe("mcnemar");
    expect(regressed.textContent).toContain("−0.150");

    const noise = cellOf(container, "night", "candidate");
    expect(noise.dataset.significance).toBe("unchanged");
    expect(noise.className).not.toContain("significant");
    expect(noise.title).toMatch(/not significant \(McNemar/);

    const reference = cellOf(container, "daylight", "reference");
    expect(reference.dataset.significance).toBeUndefined();
    expect(reference.title).toBe("");
  });

  it("shows sample counts and the samples the comparisons were paired on", () => {
    const { container } = renderMatrix();
    const row = container.querySelector('[data-test-case="daylight"]') as HTMLElement;
    expect([...row.querySelectorAll(".lead > .num")].map((cell) => cell.textContent)).toEqual([
      "400",
      "400",
    ]);
  });

  it("judges nothing while the comparison is still being computed", () => {
    const { container } = renderMatrix({ comparing: true, comparison: () => "pending" });
    const cell = cellOf(container, "daylight", "candidate");
    expect(cell.dataset.significance).toBeUndefined();
    expect(cell.textContent).toBe("0.800");
  });

  it("never falls back to a proportion's margin of error without the engine's answer", () => {
    const { container } = renderMatrix({ comparison: () => undefined });
    const cell = cellOf(container, "daylight", "candidate");
    expect(cell.title).toMatch(/not tested/);
    expect(cell.dataset.significance).toBe("unchanged");
  });

  it("moves the focus with the arrow keys", () => {
    const { container } = renderMatrix();
    const grid = container.querySelector('[role="grid"]') as HTMLElement;
    expect(container.querySelector(".matrix-row.focused")?.getAttribute("data-test-case")).toBe(
      "daylight",
    );
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(container.querySelector(".matrix-row.focused")?.getAttribute("data-test-case")).toBe(
      "night",
    );
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(container.querySelector(".matrix-row.focused")?.getAttribute("data-test-case")).toBe(
      "night",
    );
  });
});

describe("Matrix drill-downs and keys", () => {
  it("links each value to the model's failing samples in the gallery, saying how many", () => {
    const { container } = renderMatrix();
    const link = cellOf(container, "daylight", "candidate").querySelector("a") as HTMLAnchorElement;
    const url = new URL(link.href, "http://x");
    expect(url.pathname).toBe("/test-cases/100");
    expect(url.searchParams.getAll("model")).toEqual(["2"]);
    expect(url.searchParams.getAll("f")).toEqual(["metrics@12:|correct|eq|false"]);
    expect(link.dataset.claim).toBe("80 wrong of 400");
    expect(link.title).toMatch(/^80 wrong of 400: open candidate's samples/);
  });

  it("names columns by their display name and model, in full in the title", () => {
    const { container } = renderMatrix();
    const header = container.querySelector(
      '[role="columnheader"][aria-colindex="5"]',
    ) as HTMLElement;
    expect(header.title).toBe("Accuracy of candidate");
    expect(header.textContent).toContain("Accuracy");
  });

  it("opens the focused row's details with Enter and with Space", () => {
    const toggled: number[] = [];
    const { container } = renderMatrix({ onToggle: (id) => toggled.push(id) });
    const row = container.querySelector('[data-test-case="daylight"]') as HTMLElement;
    fireEvent.keyDown(row, { key: "Enter" });
    fireEvent.keyDown(row, { key: " " });
    expect(toggled).toEqual([100, 100]);
  });
});
