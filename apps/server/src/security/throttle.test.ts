import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { TestServer } from "../testing";
import { startTestServer } from "../testing";

let server: TestServer;
let now = 0;
beforeEach(async () => {
  now = 0;
  server = await startTestServer({ authThrottle: { limit: 3, windowMs: 60_000, now: () => now } });
});
afterEach(async () => {
  await server.close(100);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

async function failThreeTimes(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    expect((await get("/trpc/model.list", bearer(`assay_guess${i}`))).status).toBe(401);
  }
}

describe("the bad-token slow-down", () => {
  it("answers 429 with Retry-After and tRPC's error shape once an address failed `limit` times, even for a valid token", async () => {
    await failThreeTimes();
    const refused = await get("/trpc/workflow.list", bearer(server.tokens.admin));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    const body = (await refused.json()) as { error: { json: Record<string, unknown> } };
    expect(body.error.json).toMatchObject({
      code: -32029,
      data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, path: "workflow.list" },
    });
    expect(String(body.error.json.message)).toContain("too many failed authentications");
    // Refused before the token is looked at: the valid token was not used.
    const row = server.db.$client
      .prepare("SELECT last_used_at FROM api_tokens WHERE name = 'admin'")
      .get() as { last_used_at: unknown };
    expect(row.last_used_at).toBeNull();
    // Session cookies, /stream and /assets are refused the same way.
    expect((await get("/trpc/auth.me", { cookie: "assay_session=abc" })).status).toBe(429);
    const stream = await get(
      `/stream/model.inferences?input=${encodeURIComponent('{"modelId":1,"testCaseId":1}')}`,
      bearer(server.tokens.read),
    );
    expect(stream.status).toBe(429);
    expect(stream.headers.get("retry-after")).toBe("60");
    expect(await stream.json()).toMatchObject({
      error: { code: -32029, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } },
    });
    const asset = await get("/assets?path=/etc/hostname", bearer(server.tokens.read));
    expect(asset.status).toBe(429);
    expect(asset.headers.get("retry-after")).toBe("60");
  });

  it("does not count or refuse requests without credentials", async () => {
    for (let i = 0; i < 5; i++) expect((await get("/trpc/model.list")).status).toBe(401);
    expect((await get("/trpc/workflow.list", bearer(server.tokens.read))).status).toBe(200);
    await failThreeTimes();
    expect((await get("/trpc/model.list")).status).toBe(401);
    expect((await get("/healthz")).status).toBe(200);
  });

  it("lets the address in again when the window slides past its failures", async () => {
    await failThreeTimes();
    now = 30_000;
    const waiting = await get("/trpc/workflow.list", bearer(server.tokens.read));
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get("retry-after")).toBe("30");
    now = 60_000;
    expect((await get("/trpc/workflow.list", bearer(server.tokens.read))).status).toBe(200);
  });

  it("a successful authentication resets nothing", async () => {
    for (let i = 0; i < 2; i++) {
      expect((await get("/trpc/model.list", bearer(`assay_guess${i}`))).status).toBe(401);
    }
    expect((await get("/trpc/workflow.list", bearer(server.tokens.read))).status).toBe(200);
    expect((await get("/trpc/model.list", bearer("assay_guess2"))).status).toBe(401);
    expect((await get("/trpc/workflow.list", bearer(server.tokens.read))).status).toBe(429);
  });

  it("counts failed sign-ins, and takes one sign-in per request", async () => {
    const signIn = (token: string) =>
      fetch(`${server.url}/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { token } }),
      });
    for (let i = 0; i < 3; i++) expect((await signIn(`assay_guess${i}`)).status).toBe(401);
    const refused = await signIn(server.tokens.read);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("set-cookie")).toBeNull();

    now = 120_000;
    const batch = await fetch(`${server.url}/trpc/auth.signIn,auth.signIn?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        0: { json: { token: "assay_a" } },
        1: { json: { token: "assay_b" } },
      }),
    });
    expect(batch.status).toBe(400);
    expect((await signIn(server.tokens.read)).status).toBe(200);
  });

  it("can be turned off", async () => {
    const open = await startTestServer({ authThrottle: false });
    try {
      for (let i = 0; i < 12; i++) {
        const response = await fetch(`${open.url}/trpc/model.list`, { headers: bearer("assay_x") });
        expect(response.status).toBe(401);
      }
    } finally {
      await open.close(100);
    }
  });
});
