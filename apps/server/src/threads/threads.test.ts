import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { inlinePreparer } from "@assay/api";
import {
  adds,
  dummyGroundTruth,
  dummySample,
  failure,
  registerDummy,
  setupApi,
} from "@assay/api/testing";
import { closeDatabase, openDatabase } from "@assay/db";
import { InputValidationError } from "@assay/workflow";
import { afterAll, describe, expect, it } from "vitest";

import { startPreparingThread, startWritingThread } from "./threads";

const schemaJson = JSON.stringify({
  testSample: {
    type: "object",
    properties: { locator: { type: "string" } },
    required: ["locator"],
  },
  groundTruth: { type: "object", properties: { label: { type: "string" } }, required: ["label"] },
  inference: { type: "object", properties: {} },
});
const line = (locator: unknown) =>
  JSON.stringify({ op: "add", testSample: { locator }, groundTruth: { label: "cat" } });

const dir = mkdtempSync(join(tmpdir(), "assay-threads-"));
const file = join(dir, "assay.db");
const db = openDatabase(file);
const preparer = startPreparingThread();
const writer = startWritingThread(file);
afterAll(async () => {
  await writer.close();
  await preparer.close();
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe("the preparing thread", () => {
  it("prepares batches exactly as the server's thread would, each its own", async () => {
    const lines = Array.from({ length: 500 }, (_, i) => line(`s3://b/${i}.png`)).join("\n");
    const [inThread, inline] = await Promise.all([
      preparer.prepare(schemaJson, lines),
      inlinePreparer().prepare(schemaJson, lines),
    ]);
    expect(inThread.count).toBe(500);
    expect(Buffer.from(inThread.text)).toEqual(Buffer.from(inline.text));
    expect(Buffer.from(inThread.hashes)).toEqual(Buffer.from(inline.hashes));
    expect([...inThread.offsets]).toEqual([...inline.offsets]);
    const counts = await Promise.all(
      [1, 2, 3].map((n) =>
        preparer.prepare(schemaJson, Array.from({ length: n }, () => line("a")).join("\n")),
      ),
    );
    expect(counts.map((r) => r.count)).toEqual([1, 2, 3]);
  });

  it("rejects a bad batch with the error the server's thread would throw", async () => {
    const error: unknown = await preparer.prepare(schemaJson, line(7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("lines[0].testSample.locator");
  });
});

describe("the writing thread", () => {
  const t = setupApi({ db, preparer, writer });

  it("stores an edit's batches on its own connection, in order, seen at once by the server's", async () => {
    await registerDummy(t.api);
    const { editId } = await t.api.testCase.beginEdit({
      workflow: "Dummy Workflow 🤖",
      entries: [{ name: "threads", create: true }],
    });
    const batch = (from: number) =>
      adds(Array.from({ length: 50 }, (_, i) => [dummySample(from + i), dummyGroundTruth(i)]));
    // Sent together, as the SDK keeps two in flight: the second waits for the first.
    await Promise.all([
      t.api.testCase.appendEdit({ editId, seq: 1, lines: batch(50) }),
      t.api.testCase.appendEdit({ editId, seq: 0, lines: batch(0) }),
    ]);
    const [committed] = await t.api.testCase.commitEdit({ editId });
    expect(committed).toMatchObject({ name: "threads", version: 1, sampleCount: 100 });
    expect(await t.api.testCase.load({ name: "threads" })).toMatchObject({ sampleCount: 100 });
  });

  it("sends its refusals back as what they are", async () => {
    const refusal = await failure(() =>
      t.api.testCase.beginEdit({
        workflow: "Dummy Workflow 🤖",
        entries: [{ name: "threads", baseVersion: 0 }],
      }),
    );
    expect(refusal).toMatchObject({ code: "CONFLICT", kind: "STALE_VERSION" });
    const invalid = await failure(() =>
      t.api.testCase.edit({
        workflow: "Dummy Workflow 🤖",
        entries: [{ name: "invalid", create: true }],
        lines: adds([[{ locator: 7 }, dummyGroundTruth(0)]]),
      }),
    );
    expect(invalid).toMatchObject({ code: "BAD_REQUEST", kind: "INVALID_INPUT" });
  });
});
