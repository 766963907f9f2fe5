import { closeDatabase, openDatabase } from "@assay/db";
import { describe, expect, it } from "vitest";

import type { StoredValue } from "./store";
import { decodeValue, encodeValue } from "./store";

describe("stored values as JSON", () => {
  it("come back with the same storage class and bits, through a real SQLite table", () => {
    const db = openDatabase(":memory:", { migrate: false });
    const sqlite = db.$client;
    // No declared type: no affinity converts what is bound, so only the codec keeps INTEGER 1 apart from REAL 1.
    sqlite.exec("CREATE TABLE a (v); CREATE TABLE b (v)");
    const values: StoredValue[] = [
      null,
      0n,
      1n,
      -(2n ** 63n),
      2n ** 63n - 1n,
      2n ** 53n + 1n,
      1,
      -0,
      0.1,
      1e300,
      -5e-324,
      Infinity,
      -Infinity,
      "",
      'ünïcødé 🤖 \u0000 "quoted"',
      '{"$blob":"not a blob, a string"}',
      Buffer.from([0, 255, 1, 2]),
      Buffer.alloc(0),
    ];
    const insertA = sqlite.prepare("INSERT INTO a (v) VALUES (?)");
    for (const value of values) insertA.run(value);
    const read = sqlite.prepare("SELECT v FROM a ORDER BY rowid").safeIntegers().pluck();
    const json = (read.all() as StoredValue[]).map((v) => JSON.stringify(encodeValue(v)));
    expect(json).toContain('{"$int":"9223372036854775807"}');
    expect(json).toContain('{"$real":"1"}');
    expect(json).toContain('{"$real":"-Infinity"}');
    const insertB = sqlite.prepare("INSERT INTO b (v) VALUES (?)");
    for (const line of json) insertB.run(decodeValue(JSON.parse(line)));
    const describe = (table: string) =>
      sqlite
        .prepare(`SELECT typeof(v) AS type, quote(v) AS text FROM ${table} ORDER BY rowid`)
        .all();
    expect(describe("b")).toEqual(describe("a"));
    closeDatabase(db);
  });

  it("refuse what the export never writes", () => {
    for (const cell of [
      true,
      [1],
      { $int: "1.5" },
      { $real: "abc" },
      { $blob: "*" },
      { $int: "1", x: 1 },
      2 ** 60,
    ]) {
      expect(() => decodeValue(cell), JSON.stringify(cell)).toThrow();
    }
    expect(decodeValue({ $real: "NaN" })).toBeNaN();
    expect(decodeValue(3)).toBe(3n);
  });
});
