import { describe, expect, it } from "vitest";

import { ByteLines, TextLines } from "./line-sink";

describe("line sinks", () => {
  it("join lines as text, and as UTF-8 bytes each ending in a newline, growing past their first buffer", () => {
    const lines = ["{}", '{"name":"café ☕ 🤖"}', "x".repeat(40), '{"a":[1,2,3]}'];
    const text = new TextLines();
    const bytes = new ByteLines(8);
    for (const line of lines) {
      text.push(line);
      bytes.push(line);
    }
    expect(text.text).toBe(lines.join("\n"));
    expect(text.size).toBe(lines.join("\n").length);
    expect(bytes.bytes().toString("utf8")).toBe(`${lines.join("\n")}\n`);
    expect(bytes.size).toBe(Buffer.byteLength(`${lines.join("\n")}\n`));
  });
});
