import type { IncomingMessage } from "node:http";
import { get as httpGet } from "node:http";

import { createToken } from "@assay/api";
import { dummyGroundTruth, dummySample, dummyWorkflow } from "@assay/api/testing";
import { decodeLines, encodeLines } from "@assay/workflow/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "../testing";
import { startTestServer } from "../testing";

// More than two of the server's 5,000-row chunks.
const N = 12_000;
const STALL_MS = 2000;
let server: TestServer;
let modelId: number;
let testCaseId: number;

beforeAll(async () => {
  // A reader that takes nothing for 2 s is cut (30 s when served from the CLI), so the test below is short.
  server = await startTestServer({ streams: { stallMs: STALL_MS } });
  const api = server.client(server.tokens.admin);
  await api.workflow.register.mutate(dummyWorkflow.toJSONSchema());
  const samples = Array.from({ length: N }, (_, i) => dummySample(i));
  const [testCase] = await api.testCase.edit.mutate({
    workflow: dummyWorkflow.name,
    entries: [{ name: "stream", create: true }],
    lines: encodeLines(
      samples.map((testSample, i) => ({ op: "add", testSample, groundTruth: dummyGroundTruth(i) })),
    ),
  });
  testCaseId = testCase!.id;
  const suite = await api.testSuite.create.mutate({ name: "s", workflow: dummyWorkflow.name });
  await api.testSuite.edit.mutate({
    testSuiteId: suite.testSuiteId,
    baseVersion: 0,
    testCaseIds: [testCaseId],
  });
  const model = await api.model.create.mutate({ name: "m", workflow: dummyWorkflow.name });
  modelId = model.id;
  const run = await api.testRun.createOrRetrieve.mutate({
    modelId,
    testSuiteId: suite.testSuiteId,
    evaluator: null,
    configurations: [],
  });
  await api.testRun.uploadInferences.mutate({
    testRunId: run.id,
    lines: encodeLines(samples.map((testSample, i) => ({ testSample, inference: { score: i } }))),
  });
}, 60_000);
afterAll(() => server.close(100));

const streamUrl = (input: unknown, name = "model.inferences") =>
  `${server.url}/stream/${name}?input=${encodeURIComponent(JSON.stringify(input))}`;
const get = (url: string, token: string | null = server.tokens.read, init: RequestInit = {}) =>
  fetch(url, { ...init, headers: token ? { authorization: `Bearer ${token}` } : {} });

interface StreamLine {
  id: number;
  position: number;
  testSample: { locator: string };
  groundTruth: { value: number };
  inference: { score: number };
  metadata: { extra: number };
}

describe("GET /stream/model.inferences", () => {
  it("streams every inference of the test case version as NDJSON, in membership order", async () => {
    const response = await get(streamUrl({ modelId, testCaseId }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const lines = decodeLines(await response.text()) as unknown as StreamLine[];
    expect(lines).toHaveLength(N);
    lines.forEach((line, i) => {
      expect(line.position).toBe(i);
      expect(line.testSample.locator).toBe(dummySample(i).locator);
      expect([line.groundTruth.value, line.inference.score, line.metadata.extra]).toEqual([
        i,
        i,
        i,
      ]);
    });
    expect(Object.keys(lines[0]!)).toEqual([
      "groundTruth",
      "id",
      "inference",
      "metadata",
      "position",
      "testSample",
    ]);
  });

  it("gives the same lines as the paged tRPC query, and resumes after a position", async () => {
    const paged = await server.client(server.tokens.read).model.inferences.query({
      modelId,
      testCaseId,
      limit: 100,
    });
    const streamed = decodeLines(
      await (await get(streamUrl({ modelId, testCaseId, after: 5_999 }))).text(),
    ) as unknown as StreamLine[];
    expect(streamed).toHaveLength(N - 6_000);
    expect(streamed[0]?.position).toBe(6_000);
    const head = decodeLines(
      await (await get(streamUrl({ modelId, testCaseId }))).text(),
    ) as unknown as StreamLine[];
    expect(head.slice(0, 100).map(({ position: _, ...line }) => line)).toEqual(
      decodeLines(paged.lines),
    );
  });

  it("refuses like the API: no token, unknown stream, bad input, missing model, wrong method", async () => {
    const refusal = async (response: Response) => ({
      status: response.status,
      body: (await response.json()) as {
        error: { message: string; code: number; data: { httpStatus: number; kind?: string } };
      },
    });
    const anonymous = await refusal(await get(streamUrl({ modelId, testCaseId }), null));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatchObject({ code: -32001, data: { httpStatus: 401 } });
    expect((await get(streamUrl({ modelId, testCaseId }), "assay_nope")).status).toBe(401);
    expect((await get(streamUrl({}, "model.nothing"))).status).toBe(404);
    expect((await get(streamUrl({}, "__proto__"))).status).toBe(404);
    expect((await get(`${server.url}/stream/model.inferences?input=%7B`)).status).toBe(400);
    const invalid = await refusal(await get(streamUrl({ modelId: "one", testCaseId })));
    expect(invalid).toMatchObject({
      status: 400,
      body: { error: { data: { kind: "INVALID_INPUT" } } },
    });
    const missing = await refusal(await get(streamUrl({ modelId: 999, testCaseId })));
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { data: { kind: "NOT_FOUND" } } },
    });
    const post = await get(streamUrl({ modelId, testCaseId }), server.tokens.read, {
      method: "POST",
    });
    expect(post.status).toBe(405);
  });

  it("stops reading when the client goes away, and keeps serving others", async () => {
    const controller = new AbortController();
    const response = await fetch(streamUrl({ modelId, testCaseId }), {
      headers: { authorization: `Bearer ${server.tokens.read}` },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    const again = await get(streamUrl({ modelId, testCaseId, after: N - 11 }));
    expect(decodeLines(await again.text())).toHaveLength(10);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("many slow readers", () => {
  it("200 readers that take nothing are bounded in number (429) and in time, and /healthz stays fast", async () => {
    // 50 tokens, 4 readers each: as many as one token may open, 200 in all.
    const tokens = Array.from(
      { length: 50 },
      (_, i) => createToken(server.db, { name: `slow ${i}`, scope: "read" }).token,
    );
    const url = streamUrl({ modelId, testCaseId });
    const statuses: number[] = [];
    const retryAfter = new Set<string | undefined>();
    const slow: IncomingMessage[] = [];
    const opened = tokens.flatMap((token) =>
      Array.from(
        { length: 4 },
        () =>
          new Promise<void>((resolve) => {
            const request = httpGet(
              url,
              { headers: { authorization: `Bearer ${token}` }, agent: false },
              (response) => {
                statuses.push(response.statusCode ?? 0);
                if (response.statusCode === 200) {
                  // Takes nothing more: the server's writes back up, and it must not wait forever.
                  response.pause();
                  slow.push(response);
                } else {
                  retryAfter.add(response.headers["retry-after"]);
                  response.resume();
                }
                resolve();
              },
            );
            request.once("error", () => resolve());
          }),
      ),
    );
    const probes: number[] = [];
    const probing = (async () => {
      const until = Date.now() + STALL_MS + 1500;
      while (Date.now() < until) {
        const started = performance.now();
        await fetch(`${server.url}/healthz`);
        probes.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await probing;
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${server.tokens.read}` },
    });
    const active = /^assay_streams_active (\d+)$/m.exec(await metrics.text())?.[1];
    const admitted = statuses.filter((status) => status === 200).length;
    const sorted = [...probes].sort((a, b) => a - b);
    console.log(
      `200 slow readers: ${admitted} streamed, ${statuses.filter((s) => s === 429).length} refused with 429 ` +
        `(Retry-After ${[...retryAfter].join(",")}); /healthz p99 ${sorted[Math.floor(sorted.length * 0.99)]?.toFixed(1)} ms, ` +
        `worst ${sorted.at(-1)?.toFixed(1)} ms over ${probes.length} probes; streams open ${STALL_MS + 1500} ms later: ${active}`,
    );
    expect(statuses).toHaveLength(200);
    expect(admitted).toBeLessThanOrEqual(16);
    expect(admitted + statuses.filter((status) => status === 429).length).toBe(200);
    expect([...retryAfter]).toEqual(["2"]);
    expect(Math.max(...probes)).toBeLessThan(250);
    // Every admitted reader that took nothing was cut after the stall limit: none holds a place now.
    expect(active).toBe("0");
    await Promise.all(opened);
    for (const response of slow) response.destroy();
  }, 30_000);
});
