import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TestRun } from "@assay/sdk";
import { startCuttingProxy } from "../cutting-proxy";
import { dummy, dummyGroundTruths, dummySamples } from "../dummy";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";
import { AssayClient } from "@assay/sdk";
import { NotFoundError, UnauthenticatedError } from "@assay/sdk";

const N = 12_000;
let server: ServerProcess;
let input: { modelId: number; testCaseId: number };

beforeAll(async () => {
  server = await startServerProcess();
  const prefix = uniquePrefix();
  const truths = dummyGroundTruths(N);
  const testCase = await dummy.TestCase.create(`${prefix} tc`, {
    testSamples: dummySamples(prefix, N).map((s, i) => [s, truths[i]!]),
  });
  const suite = await dummy.TestSuite.create(`${prefix} suite`, { testCases: [testCase] });
  const model = await dummy.Model.create(`${prefix} model`, {
    infer: (sample) => ({ score: sample.value }),
  });
  await (await TestRun.init(model, suite)).run();
  input = { modelId: model.id, testCaseId: testCase.id };
}, 120_000);
afterAll(() => server.stop());

interface Line {
  position: number;
  inference: { score: number };
}

async function readAll(client: AssayClient): Promise<Line[]> {
  const lines: Line[] = [];
  const stream = client.stream<Line>("model.inferences", input, (last) => ({
    ...input,
    after: last.position,
  }));
  for await (const batch of stream) lines.push(...batch);
  return lines;
}

describe("AssayClient.stream", () => {
  it("resumes a stream cut mid-response after the last line it received", async () => {
    const proxy = await startCuttingProxy(server.url, { afterBytes: 300_000, cuts: 2 });
    try {
      const lines = await readAll(new AssayClient({ url: proxy.url, token: server.token }));
      expect(proxy.cuts).toBe(2);
      expect(proxy.connections).toBe(3);
      expect(lines.map((line) => line.position)).toEqual(Array.from({ length: N }, (_, i) => i));
      expect(lines.every((line, i) => line.inference.score === i)).toBe(true);
      console.log(`stream cut ${proxy.cuts} times; ${lines.length} of ${N} lines read once each`);
    } finally {
      await proxy.close();
    }
  });

  it("gives up after maxRetries cuts in a row", async () => {
    const proxy = await startCuttingProxy(server.url, { afterBytes: 0, cuts: 10 });
    try {
      const client = new AssayClient({ url: proxy.url, token: server.token, maxRetries: 1 });
      await expect(readAll(client)).rejects.toThrow(/model\.inferences stream .* broke/);
      expect(proxy.connections).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it("throws the contract's errors for a refused stream, without retrying", async () => {
    await expect(
      readAll(new AssayClient({ url: server.url, token: "assay_nope" })),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    const missing = new AssayClient({ url: server.url, token: server.token });
    await expect(
      (async () => {
        for await (const _ of missing.stream(
          "model.inferences",
          { ...input, modelId: 1e9 },
          () => input,
        ))
          break;
      })(),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
