import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InputValidationError } from "../errors";
import { reorderKeys, storedJson } from "./arbitraries";
import { canonicalStringify, objectFromJson, stringifyForTransport } from "./canonical";
import { parseJson } from "./parse";

describe("canonicalStringify", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("writes non-finite numbers as Python's json.dumps does, and keeps -0", () => {
    expect(canonicalStringify([NaN, Infinity, -Infinity, -0, 0, 1.5, 1e21])).toBe(
      "[NaN,Infinity,-Infinity,-0,0,1.5,1e+21]",
    );
  });

  it("leaves out undefined object entries", () => {
    expect(canonicalStringify({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it.each([
    ["a function", { a: { b: () => 1 } }, "a.b", /function/],
    ["a bigint", { a: [1n] }, "a[0]", /bigint/],
    ["a date", { when: new Date(0) }, "when", /Date/],
    ["a map", [new Map()], "[0]", /Map/],
    ["undefined in an array", { a: [1, undefined] }, "a[1]", /undefined/],
    ["a symbol", Symbol("s"), "value", /symbol/],
  ])("rejects %s, naming where it is", (_, value, path, reason) => {
    const error = catchError(() => canonicalStringify(value));
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.field).toBe(path);
    expect(error.reason).toMatch(reason);
  });

  it("rejects cycles but accepts shared, acyclic references", () => {
    const shared = { x: 1 };
    expect(canonicalStringify({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    expect(() => canonicalStringify(cyclic)).toThrow(/circular/);
  });

  it("accepts objects without a prototype", () => {
    const bare = Object.assign(Object.create(null) as object, { b: 2, a: 1 });
    expect(canonicalStringify(bare)).toBe('{"a":1,"b":2}');
  });

  it("round-trips every stored value exactly through parseJson", () => {
    fc.assert(
      fc.property(storedJson, (value) => {
        expect(parseJson(canonicalStringify(value))).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same text whatever the key order", () => {
    fc.assert(
      fc.property(storedJson, fc.nat(), (value, seed) => {
        expect(canonicalStringify(reorderKeys(value, seed))).toBe(canonicalStringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with JSON.stringify on finite values apart from key order", () => {
    const value = { z: [1, "two", true, null, { y: 0.1 }], a: "é\u2028\ud800" };
    expect(JSON.parse(canonicalStringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});

function catchError(fn: () => unknown): InputValidationError {
  try {
    fn();
  } catch (error) {
    return error as InputValidationError;
  }
  throw new Error("expected an error");
}

describe("stringifyForTransport", () => {
  it("writes text that parses to the same canonical value, whatever the key order", () => {
    fc.assert(
      fc.property(storedJson, fc.nat(), (value, seed) => {
        const shuffled = reorderKeys(value, seed);
        expect(canonicalStringify(parseJson(stringifyForTransport(shuffled)))).toBe(
          canonicalStringify(value),
        );
      }),
    );
  });

  it("keeps what plain JSON would lose: non-finite numbers and -0", () => {
    expect(stringifyForTransport({ b: NaN, a: -0, c: [Infinity] })).toBe(
      '{"a":-0,"b":NaN,"c":[Infinity]}',
    );
    expect(stringifyForTransport({ b: 1, a: "x" })).toBe('{"b":1,"a":"x"}');
  });

  it("refuses what JSON cannot hold, as canonicalStringify does", () => {
    expect(() => stringifyForTransport({ a: [undefined] })).toThrow(InputValidationError);
    expect(() => stringifyForTransport({ when: new Date(0) })).toThrow(InputValidationError);
  });
});

describe("objectFromJson", () => {
  it("writes the canonical text of an object from its sorted keys and canonical values", () => {
    const value = { a: [1, NaN], b: "x\n", c: { d: null } };
    const entries = Object.entries(value).map(([k, v]) => [k, canonicalStringify(v)] as const);
    expect(objectFromJson(entries)).toBe(canonicalStringify(value));
    expect(objectFromJson([["id", 7]])).toBe('{"id":7}');
  });
});
