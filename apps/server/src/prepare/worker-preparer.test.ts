import { inlinePreparer } from "@assay/api";
import { InputValidationError } from "@assay/workflow";
import { afterAll, describe, expect, it } from "vitest";

import { startWorkerPreparer } from "./worker-preparer";

const schema = {
  testSample: {
    type: "object",
    properties: { locator: { type: "string" } },
    required: ["locator"],
  },
  groundTruth: { type: "object", properties: { label: { type: "string" } }, required: ["label"] },
  inference: { type: "object", properties: {} },
};
const schemaJson = JSON.stringify(schema);
const preparer = await startWorkerPreparer();
afterAll(() => preparer.close());

const line = (locator: unknown) =>
  JSON.stringify({ op: "add", testSample: { locator }, groundTruth: { label: "cat" } });

describe("startWorkerPreparer", () => {
  it("prepares batches in a worker thread exactly as in the server's thread", async () => {
    const lines = Array.from({ length: 500 }, (_, i) => line(`s3://b/${i}.png`)).join("\n");
    const [inWorker, inline] = await Promise.all([
      preparer.prepare(schemaJson, lines),
      inlinePreparer().prepare(schemaJson, lines),
    ]);
    expect(inWorker.count).toBe(500);
    expect(Buffer.from(inWorker.text)).toEqual(Buffer.from(inline.text));
    expect(Buffer.from(inWorker.hashes)).toEqual(Buffer.from(inline.hashes));
    expect([...inWorker.offsets]).toEqual([...inline.offsets]);
  });

  it("answers concurrent batches each with its own result", async () => {
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        preparer.prepare(schemaJson, Array.from({ length: n }, () => line("a")).join("\n")),
      ),
    );
    expect(results.map((r) => r.count)).toEqual([1, 2, 3]);
  });

  it("rejects a bad batch with the error the server's thread would throw", async () => {
    const error: unknown = await preparer.prepare(schemaJson, line(7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).field).toBe("lines[0].testSample.locator");
  });
});
