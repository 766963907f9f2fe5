import { createHash } from "node:crypto";

import { canonicalStringify, WorkflowValidator } from "@assay/workflow/wire";
import { describe, expect, it } from "vitest";

import { GROUND_TRUTH, hashOf, METADATA, prepareEdit, SAMPLE, textOf } from "./edit-prepare";

const validator = new WorkflowValidator({
  testSample: {
    type: "object",
    properties: { locator: { type: "string" }, metadata: { type: "object" } },
    required: ["locator"],
  },
  groundTruth: {
    type: "object",
    properties: { label: { type: "string" } },
    required: ["label"],
  },
  inference: { type: "object", properties: {} },
} as never);

const lines = (...values: unknown[]) => values.map((v) => JSON.stringify(v)).join("\n");

describe("prepareEdit", () => {
  it("stores each line's canonical texts and identity hash, non-ASCII text included", () => {
    const prepared = prepareEdit(
      lines(
        {
          op: "add",
          testSample: { metadata: { b: 1, a: "é" }, locator: "s3://b/日本.png" },
          groundTruth: { label: "猫" },
        },
        { op: "remove", testCase: "other", testSample: { locator: "x" } },
      ),
      validator,
    );
    expect(prepared.count).toBe(2);
    expect(textOf(prepared, 0, SAMPLE)).toBe('{"locator":"s3://b/日本.png"}');
    expect(textOf(prepared, 0, METADATA)).toBe('{"a":"é","b":1}');
    expect(textOf(prepared, 0, GROUND_TRUTH)).toBe(canonicalStringify({ label: "猫" }));
    expect(hashOf(prepared, 0)).toEqual(
      createHash("sha256").update('{"locator":"s3://b/日本.png"}').digest(),
    );
    expect([...prepared.removes]).toEqual([0, 1]);
    expect(prepared.testCases).toEqual([null, "other"]);
    expect(textOf(prepared, 1, GROUND_TRUTH)).toBe("");
  });

  it("names the line and field of the first bad line", () => {
    const bad = lines(
      { op: "add", testSample: { locator: "a" }, groundTruth: { label: "x" } },
      { op: "add", testSample: { locator: 3 }, groundTruth: { label: "x" } },
    );
    expect(() => prepareEdit(bad, validator)).toThrow(/lines\[1\]\.testSample\.locator/);
    expect(() =>
      prepareEdit(lines({ op: "add", testSample: { locator: "a" } }), validator),
    ).toThrow(/lines\[0\]: an "add" needs a groundTruth/);
  });
});
