import { readFileSync, writeFileSync } from "node:fs";
import { PassThrough, Readable } from "node:stream";

import { authenticate, createToken } from "@assay/api";
import type { DB } from "@assay/db";
import { closeDatabase, openDatabase } from "@assay/db";
import { afterAll, describe, expect, it } from "vitest";

import { buildMigrationHashes } from "./store";
import type { Registry } from "./testing";
import {
  buildRegistry,
  callerOver,
  cli,
  isEmpty,
  observe,
  rowCounts,
  useScratchStores,
} from "./testing";

const { path, open } = useScratchStores("assay-export-");

let source: {
  file: string;
  db: DB;
  ids: Registry;
  exported: string;
};
async function theSource() {
  if (!source) {
    const file = path("source.db");
    const db = openDatabase(file);
    const ids = await buildRegistry(db);
    const exported = path("source.jsonl");
    expect(await cli(["export", "--db", file, "--out", exported])).toMatchObject({ code: 0 });
    source = { file, db, ids, exported };
  }
  return source;
}
afterAll(() => source && closeDatabase(source.db));

describe("export and import", () => {
  it("round-trip the whole registry: export → import → export is byte-identical, and the API answers alike", async () => {
    const { file, ids, exported } = await theSource();
    const text = readFileSync(exported, "utf8");
    const lines = text.trimEnd().split("\n");
    const header = JSON.parse(lines[0]!) as { format: string; schema: string[]; tables: string[] };
    const trailer = JSON.parse(lines.at(-1)!) as { end: boolean; rows: Record<string, number> };
    console.log(`exported ${lines.length - 2} rows:`, trailer.rows);
    expect(header).toMatchObject({
      format: "assay-export",
      version: 1,
      schema: buildMigrationHashes(),
    });
    expect(header.tables).not.toContain("sessions");
    expect(header.tables).not.toContain("__drizzle_migrations");
    expect(header.tables.at(-1)).toBe("sqlite_sequence");
    for (const table of [
      "test_samples",
      "test_case_plots",
      "inferences",
      "sample_metrics",
      "sqlite_sequence",
    ]) {
      expect(trailer.rows[table], table).toBeGreaterThan(0);
    }
    expect(trailer.rows.test_case_versions).toBeGreaterThanOrEqual(4);
    expect(text).toContain('"identity_hash":{"$blob":');
    expect(text).toContain('"progress":{"$real":"Infinity"}');
    expect(text).toContain('"progress":{"$real":"1"}');
    expect(text).toContain('"progress":0.375');
    expect(text).toContain("ünïcødé/日本語/🙂");

    const copy = path("copy.db");
    const imported = await cli(["import", "--db", copy, "--in", exported]);
    expect(imported).toMatchObject({ code: 0, err: "" });
    expect(imported.out).toMatch(/^imported \d+ rows of \d+ tables into /);
    const again = path("again.jsonl");
    expect((await cli(["export", "--db", copy, "--out", again])).code).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(text);

    const original = open(file);
    const restored = open(copy);
    expect(authenticate(restored, { authorization: `Bearer ${ids.reader}` })).toMatchObject({
      scope: "read",
    });
    const seq = (db: DB) =>
      db.$client
        .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'api_tokens'")
        .pluck()
        .get() as number;
    expect(seq(restored)).toBe(seq(original));
    const before = await observe(callerOver(original), ids);
    const after = await observe(callerOver(restored), ids);
    expect(after).toEqual(before);
    expect(after.samples[1]).toHaveLength(8);
    // AUTOINCREMENT carried on: the copy's next token got the id the source's did, not a reused one.
    expect(seq(restored)).toBe(seq(original));
  });

  it("streams to stdout and reads from stdin", async () => {
    const { file, exported } = await theSource();
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    const written = await cli(["export", "--db", file, "--out", "-"], { stdout });
    expect(written).toMatchObject({ code: 0, out: "" });
    expect(written.err).toMatch(/^exported \d+ rows .* to stdout\n$/);
    const text = Buffer.concat(chunks).toString("utf8");
    // The source is unchanged since the file export, except for the tokens the earlier test made.
    expect(text.split("\n")[0]).toBe(readFileSync(exported, "utf8").split("\n")[0]);
    const copy = path("stdin.db");
    expect(
      (await cli(["import", "--db", copy, "--in", "-"], { stdin: Readable.from([text]) })).code,
    ).toBe(0);
    const again = path("stdin.jsonl");
    expect((await cli(["export", "--db", copy, "--out", again])).code).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(text);
  });

  it("refuses a cut-off file, a bad row and a broken reference, and leaves the store empty", async () => {
    const { exported } = await theSource();
    const lines = readFileSync(exported, "utf8").trimEnd().split("\n");
    const trailer = JSON.parse(lines.at(-1)!) as { end: true; rows: Record<string, number> };
    const workflowLine = lines.findIndex((l) => l.startsWith('{"table":"workflows"'));
    const sampleLine = lines.findIndex((l) => l.startsWith('{"table":"test_samples"'));
    const variants: [string, string[], RegExp][] = [
      ["cut", lines.slice(0, -1), /without its trailer: it was cut off/],
      ["cut-mid-line", [...lines.slice(0, 20), lines[20]!.slice(0, 15)], /line 21: not JSON/],
      [
        "bad-blob",
        lines.map((l, i) =>
          i === sampleLine ? l.replace(/\{"\$blob":"[^"]*"\}/, '{"$blob":"*"}') : l,
        ),
        new RegExp(`line ${sampleLine + 1}: identity_hash: .* is not a stored value`),
      ],
      [
        "unknown-column",
        lines.map((l, i) => (i === sampleLine ? l.replace('"sample_json"', '"sample_jsn"') : l)),
        /test_samples has no column sample_jsn/,
      ],
      [
        "broken-reference",
        [
          ...lines.slice(0, -1).filter((_, i) => i !== workflowLine),
          JSON.stringify({
            ...trailer,
            rows: { ...trailer.rows, workflows: trailer.rows.workflows! - 1 },
          }),
        ],
        /broken references: .* refers to a missing workflows/,
      ],
      [
        "wrong-count",
        [...lines.slice(0, -1), JSON.stringify({ end: true, rows: {} })],
        /the trailer counts 0 rows/,
      ],
      [
        "other-schema",
        [lines[0]!.replace(/"schema":\["[0-9a-f]/, '"schema":["x'), ...lines.slice(1)],
        /is not this store's .*import it with the Assay version that made it/,
      ],
    ];
    for (const [name, content, message] of variants) {
      const input = path(`${name}.jsonl`);
      writeFileSync(input, content.join("\n") + "\n");
      const target = path(`${name}.db`);
      const result = await cli(["import", "--db", target, "--in", input]);
      expect(result.code, name).toBe(5);
      expect(result.err, name).toMatch(message);
      expect(isEmpty(target), name).toBe(true);
    }
  });

  it("refuses a store that already has rows", async () => {
    const { exported } = await theSource();
    const target = path("busy.db");
    createToken(open(target), { name: "someone", scope: "read" });
    const result = await cli(["import", "--db", target, "--in", exported]);
    expect(result).toMatchObject({ code: 5 });
    expect(result.err).toMatch(
      /already has rows \(in api_tokens\): import only into a new or empty store/,
    );
    expect(rowCounts(target).api_tokens).toBe(1);
    expect(
      (await cli(["export", "--db", path("missing.db"), "--out", path("x.jsonl")])).err,
    ).toMatch(/does not exist/);
    expect((await cli(["export", "--db", source.file, "--out", exported])).err).toMatch(
      /exists; pass --force to replace it/,
    );
  });
});
