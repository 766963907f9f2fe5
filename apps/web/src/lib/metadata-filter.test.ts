import { describe, expect, it } from "vitest";

import {
  decodeMetadataFilter,
  describeFilter,
  encodeMetadataFilter,
  parseValue,
} from "./metadata-filter";

describe("metadata filters in the URL", () => {
  it("round-trips keys and values holding the separator", () => {
    for (const filter of [
      { path: "epochs", op: "gte" as const, value: 10 },
      { path: "a|b.c", op: "eq" as const, value: "x|y" },
      { path: "tags", op: "in" as const, value: ["a", 2, true] },
      { path: "framework", op: "exists" as const },
    ]) {
      expect(decodeMetadataFilter(encodeMetadataFilter(filter))).toEqual(filter);
    }
  });

  it("drops what does not parse", () => {
    expect(decodeMetadataFilter("nope")).toBeUndefined();
    expect(decodeMetadataFilter("bogus|1|epochs")).toBeUndefined();
    expect(decodeMetadataFilter("eq|{|epochs")).toBeUndefined();
  });

  it("reads typed values as JSON scalars: numbers compare as numbers", () => {
    expect(parseValue("gte", " 10 ")).toBe(10);
    expect(parseValue("eq", "onnx")).toBe("onnx");
    expect(parseValue("eq", "true")).toBe(true);
    expect(parseValue("in", "onnx, 3")).toEqual(["onnx", 3]);
    expect(parseValue("contains", "12")).toBe("12");
    expect(describeFilter({ path: "epochs", op: "gte", value: 10 })).toBe("epochs ≥ 10");
  });
});
