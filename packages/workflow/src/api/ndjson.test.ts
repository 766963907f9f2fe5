import { describe, expect, it } from "vitest";

import { expectIssue } from "../test-utils/errors";
import { countLines, decodeLines, decodeLinesBulk, encodeLines } from "./ndjson";

describe("NDJSON lines", () => {
  it("round-trip values, non-finite numbers included", () => {
    const values = [{ b: 1, a: [NaN, -Infinity] }, "text", null, { nested: { x: Infinity } }];
    const text = encodeLines(values);
    expect(text.split("\n")).toHaveLength(4);
    expect(text.split("\n")[0]).toBe('{"a":[NaN,-Infinity],"b":1}');
    expect(decodeLines(text)).toEqual(values);
  });

  it("skip blank lines and accept a trailing newline or CRLF", () => {
    expect(decodeLines('{"a":1}\r\n\n{"a":2}\n')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(decodeLines("")).toEqual([]);
  });

  it("name the line that is not JSON", () => {
    expectIssue(() => decodeLines('{"a":1}\n{"a":\n'), "lines[1]", /Invalid JSON|Unexpected/);
  });

  it("parse a page in one call, or line by line when it holds NaN or is not one value per line", () => {
    const values = [{ a: "x\ny" }, [1, 2], null];
    expect(decodeLinesBulk(encodeLines(values), 3)).toEqual(values);
    expect(decodeLinesBulk('{"a":NaN}\n{"b":1}', 2)).toEqual([{ a: NaN }, { b: 1 }]);
    expect(decodeLinesBulk("", 0)).toEqual([]);
    // Fewer values than the page says it holds: the lines are read one by one, and the bad one named.
    expect(() => decodeLinesBulk("[1\n2]", 2)).toThrow(/lines\[0\]/);
  });

  it("count lines", () => {
    expect([countLines(""), countLines("{}"), countLines(encodeLines([1, "a\nb", {}]))]).toEqual([
      0, 1, 3,
    ]);
  });
});
