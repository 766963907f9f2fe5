import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";

import {
  defineWorkflow,
  Image,
  Inference,
  GroundTruth,
  InputValidationError,
  ScoredClassificationLabel,
} from "../index";
import { parseCsv } from "./csv";
import { inferFromFile, readInferenceTable } from "./inference-file";

const dir = mkdtempSync(join(tmpdir(), "assay-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const { workflow } = defineWorkflow({
  name: "Files",
  testSample: Image,
  groundTruth: GroundTruth,
  inference: Inference.extend({
    prediction: ScoredClassificationLabel.optional(),
    note: z.string().optional(),
  }),
});

describe("CSV", () => {
  it("parses quotes, escaped quotes, embedded newlines and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n1,\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"\nthere'],
      ["1", ""],
    ]);
  });

  it("drops a UTF-8 byte order mark, as spreadsheets write one", async () => {
    expect(parseCsv("\uFEFFlocator,label\na.png,cat\n")).toEqual([
      ["locator", "label"],
      ["a.png", "cat"],
    ]);
    const path = file("bom.csv", "\uFEFFlocator,prediction.label\na.png,cat\n");
    const infer = inferFromFile(path, { key: "locator", workflow });
    expect(await infer({ locator: "a.png", dataType: "TEST_SAMPLE/IMAGE" })).toEqual({
      prediction: { label: "cat" },
    });
    const jsonl = file("bom.jsonl", '\uFEFF{"locator":"a.png","prediction":{"label":"dog"}}\n');
    const fromJsonl = inferFromFile(jsonl, { key: "locator", workflow });
    expect(await fromJsonl({ locator: "a.png", dataType: "TEST_SAMPLE/IMAGE" })).toEqual({
      prediction: { label: "dog" },
    });
  });
});

describe("inferFromFile", () => {
  it("looks inferences up by a sample field in a CSV with dotted columns; a missing row gives {}", async () => {
    const path = file(
      "inferences.csv",
      'locator,prediction.label,prediction.score,note\na.png,cat,0.9,\nb.png,1,0.25,"a ""quoted"" note"\n',
    );
    const infer = inferFromFile(path, { key: "locator", workflow });
    expect(await infer({ locator: "a.png", dataType: "TEST_SAMPLE/IMAGE" })).toEqual({
      prediction: { label: "cat", score: 0.9 },
    });
    // "1" is a label here: the schema wants text, so the cell stays text.
    expect(await infer({ locator: "b.png", dataType: "TEST_SAMPLE/IMAGE" })).toEqual({
      prediction: { label: "1", score: 0.25 },
      note: 'a "quoted" note',
    });
    expect(await infer({ locator: "missing.png", dataType: "TEST_SAMPLE/IMAGE" })).toEqual({});
  });

  it("reads JSONL with an inference object or flat fields, NaN included", () => {
    const path = file(
      "inferences.jsonl",
      '{"locator":"a.png","inference":{"prediction":{"label":"cat","score":NaN}}}\n\n{"locator":"b.png","note":"flat"}\n',
    );
    const table = readInferenceTable(path, { key: "locator" });
    expect(table.rows.get("a.png")).toEqual({ prediction: { label: "cat", score: NaN } });
    expect(table.rows.get("b.png")).toEqual({ note: "flat" });
  });

  it("refuses malformed files, naming the row", () => {
    expect(() =>
      readInferenceTable(file("no-key.csv", "name,score\na,1\n"), { key: "locator" }),
    ).toThrow(/no 'locator' column/);
    expect(() =>
      readInferenceTable(file("twice.csv", "locator,score\na,1\na,2\n"), { key: "locator" }),
    ).toThrow(/row 3: a second row for 'a'/);
    expect(() =>
      readInferenceTable(file("bad.jsonl", '{"locator":"a"}\n{oops\n'), { key: "locator" }),
    ).toThrow(InputValidationError);
    expect(() =>
      readInferenceTable(file("nokey.jsonl", '{"other":"a"}\n'), { key: "locator" }),
    ).toThrow(/line 1: the key field 'locator' is missing/);
  });
});
