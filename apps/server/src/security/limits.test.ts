/**
 * Limits on what a token can make the server hold or do: names, tags, descriptions and metadata have maximum
 * sizes (refused with the field and the limit named), pages stop at a size in bytes as well as rows, inputs may
 * nest only so deep, and a URL that does not decode is a bad request, not a crash.
 */
import { LIMITS, MAX_JSON_DEPTH } from "@assay/workflow/wire";
import { dummyGroundTruth, dummySample, dummyWorkflow } from "@assay/api/testing";
import { encodeLines } from "@assay/workflow/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "../testing";
import { startTestServer } from "../testing";
import { callProcedure } from "./http";

let server: TestServer;
let bearer: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  bearer = { authorization: `Bearer ${server.tokens.admin}` };
  await server.client(server.tokens.admin).workflow.register.mutate(dummyWorkflow.toJSONSchema());
});
afterAll(() => server.close(100));

const createModel = (input: Record<string, unknown>) =>
  callProcedure(
    server.url,
    { path: "model.create", type: "mutation" },
    { workflow: dummyWorkflow.name, ...input },
    bearer,
  );

interface ErrorBody {
  error: { json: { message: string; data: { kind?: string; issues?: { path: string }[] } } };
}
const body = (text: string) => (JSON.parse(text) as ErrorBody).error.json;

describe("sizes of what users name", () => {
  it("refuses a 10 MiB model name with 400, naming the field and the limit, and stores nothing", async () => {
    const started = Date.now();
    const response = await createModel({ name: "m".repeat(10 * 1024 * 1024) });
    console.log(
      `10 MiB name refused in ${Date.now() - started} ms: ${body(response.text).message}`,
    );
    expect(response.status).toBe(400);
    expect(body(response.text).data.kind).toBe("INVALID_INPUT");
    expect(body(response.text).message).toMatch(new RegExp(`name.*at most ${LIMITS.name}`));
    expect(server.db.$client.prepare("SELECT count(*) AS n FROM models").get()).toEqual({ n: 0 });
  });

  it.each([
    ["a tag", { name: "t", tags: ["x".repeat(LIMITS.tag + 1)] }, /tags\[0\].*at most 100/],
    [
      "too many tags",
      { name: "t", tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`) },
      /tags.*at most 100/,
    ],
    [
      "metadata",
      { name: "t", metadata: { blob: "x".repeat(LIMITS.metadataBytes) } },
      /metadata.*at most 65,536 bytes/,
    ],
  ])("refuses %s over its limit", async (_what, input, message) => {
    const response = await createModel(input);
    expect(response.status).toBe(400);
    expect(body(response.text).message).toMatch(message);
  });
});

describe("pages", () => {
  it("stop at 4 MiB of rows, however many were asked for, and the cursor goes on from there", async () => {
    const api = server.client(server.tokens.admin);
    const metadata = { blob: "x".repeat(60 * 1024) };
    for (let i = 0; i < 100; i++)
      await api.model.create.mutate({ name: `big ${i}`, workflow: dummyWorkflow.name, metadata });
    const names: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query = encodeURIComponent(JSON.stringify({ json: { limit: 1000, cursor } }));
      const response = await fetch(`${server.url}/trpc/model.list?input=${query}`, {
        headers: bearer,
      });
      const text = await response.text();
      sizes.push(text.length);
      const page = (JSON.parse(text) as { result: { data: { json: ModelPage } } }).result.data.json;
      names.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
    } while (cursor !== null);
    console.log(
      `100 models of 60 KiB: pages of ${sizes.map((n) => `${(n / 2 ** 20).toFixed(2)} MiB`).join(", ")}`,
    );
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(4.2 * 2 ** 20);
    expect(names.filter((name) => name.startsWith("big "))).toHaveLength(100);
    expect(new Set(names).size).toBe(names.length);
  });
});

interface ModelPage {
  items: { name: string }[];
  nextCursor: string | null;
}

describe("nesting", () => {
  const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

  it("refuses an input nested 100,000 deep with 400 TOO_DEEP, and the server goes on", async () => {
    const response = await fetch(`${server.url}/trpc/model.create`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer },
      body: `{"json":{"name":"deep","workflow":"x","metadata":{"a":${deep(100_000)}}}}`,
    });
    const text = await response.text();
    console.log(`100,000 levels: ${response.status} ${body(text).message}`);
    expect(response.status).toBe(400);
    expect(body(text).data.kind).toBe("TOO_DEEP");
    expect(body(text).message).toMatch(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refuses an NDJSON line nested too deep, naming the line", async () => {
    const good = encodeLines([
      { op: "add", testSample: dummySample(1), groundTruth: dummyGroundTruth(1) },
    ]);
    const bad = `{"op":"add","testSample":{"locator":"s3://x/2.png","extra":${deep(MAX_JSON_DEPTH + 5)}},"groundTruth":{"label":"a"}}`;
    const response = await callProcedure(
      server.url,
      { path: "testCase.edit", type: "mutation" },
      {
        workflow: dummyWorkflow.name,
        entries: [{ name: "deep lines", create: true }],
        lines: `${good}\n${bad}`,
      },
      bearer,
    );
    expect(response.status).toBe(400);
    expect(body(response.text).data.kind).toBe("TOO_DEEP");
    expect(body(response.text).message).toMatch(/lines\[1\]\.testSample\.extra/);
  });

  it("refuses a stream input nested too deep", async () => {
    const input = encodeURIComponent(`{"modelId":1,"testCaseId":1,"x":${deep(200)}}`);
    const response = await fetch(`${server.url}/stream/model.inferences?input=${input}`, {
      headers: bearer,
    });
    expect(response.status).toBe(400);
    const refusal = (await response.json()) as { error: { data: { kind: string } } };
    expect(refusal.error.data.kind).toBe("TOO_DEEP");
  });
});

describe("URLs", () => {
  it.each(["/%E0%A4%A", "/stream/%E0%A4%A", "/trpc/%E0%A4%A", "/assets?path=%E0%A4%A"])(
    "answers %s (bad percent-encoding) with 400",
    async (path) => {
      const response = await fetch(`${server.url}${path}`, { headers: bearer });
      expect(response.status).toBe(400);
    },
  );
});
