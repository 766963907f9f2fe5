import { dummyWorkflow } from "@assay/api/testing";
import { encodeLines } from "@assay/workflow/wire";
import { TRPCClientError } from "@trpc/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { TestServer } from "./testing";
import { startTestServer } from "./testing";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ maxBodyBytes: 1024 * 1024 });
});
afterEach(async () => {
  await server.close(100);
});

interface ClientFailure {
  message: string;
  data: { httpStatus: number; kind?: string; issues?: { path: string }[] };
}

async function trpcError(promise: Promise<unknown>): Promise<ClientFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCClientError);
    return error as ClientFailure;
  }
  throw new Error("expected the call to fail");
}

describe("the HTTP server", () => {
  it("keeps idle connections a minute, so a client busy in a slow infer reuses its socket safely", () => {
    expect(server.server.keepAliveTimeout).toBe(60_000);
    expect(server.server.headersTimeout).toBeGreaterThan(server.server.keepAliveTimeout);
  });

  it("answers /healthz", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 401 without a token, and for an unknown or revoked one", async () => {
    expect((await fetch(`${server.url}/trpc/model.list`)).status).toBe(401);
    const bad = await fetch(`${server.url}/trpc/model.list`, {
      headers: { authorization: "Bearer assay_nope" },
    });
    expect(bad.status).toBe(401);
    await server.client(server.tokens.admin).token.revoke.mutate({ name: "reader" });
    expect(
      (await trpcError(server.client(server.tokens.read).model.list.query({}))).data.httpStatus,
    ).toBe(401);
  });

  it("answers 403 when the token's scope is too low", async () => {
    const error = await trpcError(
      server.client(server.tokens.read).workflow.register.mutate(dummyWorkflow.toJSONSchema()),
    );
    expect(error.data.httpStatus).toBe(403);
    expect(error.message).toContain("needs a write token");
  });

  it("answers 400 naming the field path when an upload breaks the workflow's schema", async () => {
    const writer = server.client(server.tokens.write);
    await writer.workflow.register.mutate(dummyWorkflow.toJSONSchema());
    await writer.testCase.create.mutate({ name: "tc", workflow: dummyWorkflow.name });
    const sample = {
      locator: "s3://x/1.png",
      value: 1,
      bbox: { topLeft: [0, 0], bottomRight: [1, 1] },
    };
    const error = await trpcError(
      writer.testCase.edit.mutate({
        workflow: dummyWorkflow.name,
        entries: [{ name: "tc", baseVersion: 0 }],
        lines: encodeLines([
          { op: "add", testSample: sample, groundTruth: { label: "cat", value: "one" } },
        ]),
      }),
    );
    expect(error.data.httpStatus).toBe(400);
    expect(error.data.kind).toBe("INVALID_INPUT");
    expect(error.data.issues?.map((issue) => issue.path)).toEqual(["lines[0].groundTruth.value"]);
    expect(error.message).toContain("lines[0].groundTruth.value: expected number, received string");
  });

  it("answers 400 for input that breaks a procedure's own schema", async () => {
    const error = await trpcError(server.client(server.tokens.read).model.list.query({ limit: 0 }));
    expect(error.data.httpStatus).toBe(400);
    expect(error.data.issues?.[0]?.path).toBe("input.limit");
  });

  it("answers 413 for an oversized body, declared or streamed", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    const declared = await fetch(`${server.url}/trpc/model.create`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.tokens.write}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ json: { name: big, workflow: "w" } }),
    });
    expect(declared.status).toBe(413);
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++)
          controller.enqueue(new TextEncoder().encode(big.slice(0, 600_000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/trpc/model.create`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.tokens.write}`,
        "content-type": "application/json",
      },
      body: chunks,
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
  });

  it("carries NaN and ±Infinity exactly through the wire", async () => {
    const writer = server.client(server.tokens.write);
    await writer.workflow.register.mutate(dummyWorkflow.toJSONSchema());
    const model = await writer.model.create.mutate({
      name: "m",
      workflow: dummyWorkflow.name,
      metadata: { a: NaN, b: [Infinity, -Infinity], c: -0 },
    });
    expect(model.metadata).toEqual({ a: NaN, b: [Infinity, -Infinity], c: -0 });
    expect((await writer.model.get.query({ id: model.id })).metadata).toEqual(model.metadata);
  });

  it("signs in to an HttpOnly, SameSite=Strict session cookie that authenticates later requests", async () => {
    const signIn = await fetch(`${server.url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { token: server.tokens.read } }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^assay_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain(server.tokens.read);
    const me = await fetch(`${server.url}/trpc/auth.me`, {
      headers: { cookie: cookie.split(";")[0] ?? "" },
    });
    expect(await me.json()).toMatchObject({
      result: { data: { json: { tokenName: "reader", scope: "read" } } },
    });
  });

  it("sets security headers, and a content security policy on pages", async () => {
    const page = await fetch(`${server.url}/models`);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const api = await fetch(`${server.url}/trpc/model.list`);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
