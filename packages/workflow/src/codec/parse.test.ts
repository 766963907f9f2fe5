import { describe, expect, it } from "vitest";

import { parseJson } from "./parse";

describe("parseJson", () => {
  it("reads the non-finite tokens anywhere a value may be", () => {
    expect(parseJson('{"a": [NaN, Infinity, -Infinity], "b": {"c": -Infinity}}')).toEqual({
      a: [NaN, Infinity, -Infinity],
      b: { c: -Infinity },
    });
    expect(parseJson(" NaN ")).toBeNaN();
  });

  it("reads standard JSON exactly as JSON.parse does, -0 included", () => {
    const text =
      '{"s":"q\\"\\u00e9\\n","n":[-0,1e-7,12.5e3],"t":true,"f":false,"z":null,"e":{},"l":[]}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
    expect(Object.is((parseJson("[-0, NaN]") as number[])[0], -0)).toBe(true);
  });

  it("keeps a __proto__ key as data instead of changing the prototype", () => {
    const value = parseJson('{"__proto__": {"polluted": NaN}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["NaNa", /position 3/],
    ['{"a": Infinit}', /Infinity/],
    ["[1, NaN", /position 7/],
    ['{"a" NaN}', /':'/],
    ["[NaN,]", /value/],
    ['"raw\ncontrol" ', /string/],
    ["nan", /null/],
  ])("rejects %j with a SyntaxError that says where", (text, message) => {
    expect(() => parseJson(text)).toThrow(SyntaxError);
    expect(() => parseJson(text)).toThrow(message);
  });
});
