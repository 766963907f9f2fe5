import { request } from "node:http";

import { afterEach, beforeEach, expect, it } from "vitest";

import type { TestServer } from "./testing";
import { startTestServer } from "./testing";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ bulkConcurrency: 1 });
});
afterEach(async () => {
  await server.close(100);
});

/** A bulk upload whose body never ends: it holds its place (or waits for one) until its socket is destroyed. */
function stalledUpload() {
  const req = request(`${server.url}/trpc/testRun.uploadInferences`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": "1000" },
  });
  req.on("error", () => undefined);
  req.write("{");
  return req;
}

it("gives back the place of a bulk request whose client left while it waited for one", async () => {
  const holding = stalledUpload();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const waiting = stalledUpload();
  await new Promise((resolve) => setTimeout(resolve, 200));
  // The waiting client leaves first, then the one holding the place: the place passes to a client that is gone.
  waiting.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  holding.destroy();
  // A later bulk request is still answered (401: no token), instead of waiting forever.
  const answered = await fetch(`${server.url}/trpc/testRun.uploadInferences`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    signal: AbortSignal.timeout(5_000),
  });
  expect(answered.status).toBe(401);
});
