import { describe, expect, it } from "vitest";

import { JsonObjectSchema, JsonValueSchema } from "./json-value";

/** `{"m": [{"m": [… leaf …]}]}`, `depth` objects deep. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { m: [value] };
  return value;
}

describe("JSON value schemas", () => {
  it("accept non-finite numbers at any depth", () => {
    expect(JsonObjectSchema.safeParse({ a: NaN, b: [Infinity, { c: -Infinity }] }).success).toBe(
      true,
    );
    expect(JsonValueSchema.safeParse(nested(50, NaN)).success).toBe(true);
  });

  // The recursive schema once re-wrapped itself at every level of the value it parsed: 24 levels took 23 ms,
  // 26 did not finish in a minute, and any token holder could stall the server with one request.
  it("validate deeply nested values in time proportional to their size", () => {
    expect(JsonValueSchema.safeParse(nested(300, "leaf")).success).toBe(true);
    const bad = JsonValueSchema.safeParse(nested(300, () => 1));
    expect(bad.success).toBe(false);
  });
});
