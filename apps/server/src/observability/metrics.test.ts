import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "../testing";
import { startTestServer } from "../testing";
import { routeOf } from "./metrics";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close(100);
});

const scrape = (headers: Record<string, string> = {}) =>
  fetch(`${server.url}/metrics`, { headers });

/** The value of one sample line (`name{labels} value`) of a scrape, or undefined when absent. */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((text) => text.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  it("is for a valid token only: nobody else learns how busy the server is or how big its store", async () => {
    for (const headers of [{}, { authorization: "Bearer assay_not-a-token" }] as Record<
      string,
      string
    >[]) {
      const response = await scrape(headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.text()).not.toMatch(/assay_/);
    }
    expect((await fetch(`${server.url}/metrics`, { method: "POST" })).status).toBe(405);
  });

  it("counts requests by route, method and status, with the server's gauges and Node's process metrics", async () => {
    const reader = server.client(server.tokens.read);
    await reader.model.list.query({});
    await reader.model.list.query({});
    await fetch(
      `${server.url}/trpc/model.load?input=${encodeURIComponent('{"json":{"name":"x"}}')}`,
      {
        headers: { authorization: `Bearer ${server.tokens.read}` },
      },
    );
    const response = await scrape({ authorization: `Bearer ${server.tokens.read}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();

    expect(
      sample(body, 'assay_http_requests_total{route="/trpc/model.list",method="GET",status="200"}'),
    ).toBe(2);
    expect(
      sample(body, 'assay_http_requests_total{route="/trpc/model.load",method="GET",status="404"}'),
    ).toBe(1);
    expect(
      sample(body, 'assay_http_request_duration_seconds_count{route="/trpc/model.list"}'),
    ).toBe(2);
    expect(sample(body, 'assay_jobs{status="queued"}')).toBe(0);
    expect(sample(body, "assay_streams_active")).toBe(0);
    expect(sample(body, 'assay_bulk_requests{state="working"}')).toBe(0);
    // An in-memory store has no files: its size reads 0, not an error.
    expect(sample(body, "assay_store_bytes")).toBe(0);
    expect(sample(body, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("labels routes only with names the server has, so a client cannot add label values", () => {
    const paths = [
      "/trpc/model.list",
      "/trpc/no.such.procedure",
      "/trpc/model.list,model.load",
      "/stream/model.inferences",
      "/stream/anything-else",
      "/healthz",
      "/models/123",
      "/random-000001",
    ];
    expect(paths.map(routeOf)).toEqual([
      "/trpc/model.list",
      "/trpc (unknown)",
      "/trpc (batch)",
      "/stream/model.inferences",
      "/stream (unknown)",
      "/healthz",
      "web",
      "web",
    ]);
  });
});
