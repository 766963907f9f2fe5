import { z } from "zod";
import { describe, expect, it } from "vitest";

import * as A from "../annotations";
import {
  MetricsTestCase,
  MetricsTestSample,
  MetricsTestSuite,
  nestedRowKey,
  sampleSizeOf,
} from "../metrics";
import { expectIssue } from "../test-utils/errors";
import { ThresholdedMetrics } from "../thresholded";
import { checkMetricsSchema } from "./metrics-rules";

describe("MetricsTestSample", () => {
  it("accepts workflow field types, thresholded lists included", () => {
    const MyThresholded = ThresholdedMetrics.extend({ score: z.number() });
    const schema = MetricsTestSample.extend({
      a: z.number(),
      b: z.string().optional(),
      c: z.union([z.boolean(), z.int()]),
      d: z.array(z.number()),
      e: A.BoundingBox,
      thresholdedScores: z.array(MyThresholded),
    });
    expect(checkMetricsSchema("testSample", schema)).toBe(schema);
  });

  it.each([
    ["bigint", z.bigint().optional(), /bigint/],
    ["record", z.record(z.string(), z.unknown()), /record/],
    ["nested object", z.object({ a: z.number() }), /nested objects/],
    ["doubly nested object", z.object({ a: z.object({ a: A.Polyline }) }), /nested objects/],
  ])("rejects a %s", (_, field, reason) => {
    expectIssue(
      () => checkMetricsSchema("testSample", MetricsTestSample.extend({ a: field })),
      "MetricsTestSample.a",
      reason,
    );
  });
});

describe.each(["testCase", "testSuite"] as const)("%s metrics", (kind) => {
  const base = kind === "testCase" ? MetricsTestCase : MetricsTestSuite;
  const root = kind === "testCase" ? "MetricsTestCase" : "MetricsTestSuite";

  it.each([
    ["no fields", {}],
    ["scalars", { a: z.int(), b: z.number(), c: z.string(), d: z.boolean() }],
    ["an optional", { a: z.int().optional() }],
    ["a union of scalars", { a: z.union([z.int(), z.number(), z.string()]) }],
  ])("accept %s", (_, shape) => {
    expect(() => checkMetricsSchema(kind, base.extend(shape))).not.toThrow();
  });

  it.each([
    ["bigint", { a: z.bigint() }],
    ["annotations", { a: A.BoundingBox, b: A.Polyline }],
    ["record", { a: z.record(z.string(), z.unknown()) }],
    ["list of numbers", { a: z.array(z.number()) }],
    ["nested object", { a: z.object({ a: z.int() }) }],
  ])("reject %s", (_, shape) => {
    expectIssue(() => checkMetricsSchema(kind, base.extend(shape)), `${root}.a`, /./);
  });
});

describe("MetricsTestCase nesting", () => {
  const Nested = MetricsTestCase.extend({
    a: z.int(),
    b: z.string(),
    c: z.number(),
    d: z.string().optional(),
    e: z.union([z.int(), z.string(), z.number()]),
  });
  const Nested2 = MetricsTestCase.extend({ a: z.int() });

  it("accepts one level of lists of nested rows, optional or in unions", () => {
    const schema = MetricsTestCase.extend({
      a: z.int(),
      b: z.number(),
      c: z.array(Nested),
      d: z.array(Nested).optional(),
      e: z.union([z.array(Nested), z.array(Nested2)]),
      f: z.array(z.union([Nested, Nested2])),
    });
    expect(() => checkMetricsSchema("testCase", schema)).not.toThrow();
  });

  it.each([
    ["a single nested row", Nested, "a", /must be in a list/],
    ["an optional nested row", Nested.optional(), "a", /must be in a list/],
    ["a list of lists", z.array(z.array(Nested)), "a", /one level of nesting/],
    ["a list of optional rows", z.array(Nested.optional()), "a", /cannot be optional/],
    ["a list of annotations", z.array(A.BoundingBox), "a", /annotations/],
    [
      "rows that nest again",
      z.array(MetricsTestCase.extend({ a: z.array(Nested) })),
      "a.a",
      /one level of nesting/,
    ],
  ] as const)("rejects %s", (_, field, path, reason) => {
    const schema = MetricsTestCase.extend({ a: field });
    expectIssue(() => checkMetricsSchema("testCase", schema), `MetricsTestCase.${path}`, reason);
  });
});

describe("MetricsTestSuite", () => {
  it("rejects nested objects", () => {
    expectIssue(
      () =>
        checkMetricsSchema("testSuite", MetricsTestSuite.extend({ a: z.object({ a: z.int() }) })),
      "MetricsTestSuite.a",
      /only hold scalars/,
    );
  });
});

describe("nested row helpers", () => {
  it("find the sample size by its conventional names", () => {
    expect(sampleSizeOf({ label: "cat", n: 12 })).toBe(12);
    expect(sampleSizeOf({ N: 3 })).toBe(3);
    expect(sampleSizeOf({ sampleSize: 7, precision: 0.5 })).toBe(7);
    expect(sampleSizeOf({ n: 2.5 })).toBeUndefined();
    expect(sampleSizeOf({ precision: 0.5 })).toBeUndefined();
  });

  it("identify a row by its string fields", () => {
    expect(nestedRowKey({ precision: 0.5, label: "cat", split: "test", n: 3 })).toEqual({
      label: "cat",
      split: "test",
    });
  });
});
