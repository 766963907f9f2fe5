import type { EditPreparer } from "@assay/api";
import { dummyGroundTruth, dummySample, dummyWorkflow } from "@assay/api/testing";
import { encodeLines } from "@assay/workflow/wire";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { TestServer } from "../testing";
import { memoryLogger, startTestServer } from "../testing";
import { callProcedure } from "./http";

const { logger, lines } = memoryLogger();
let server: TestServer;
let failPreparer = false;
let testCaseId = 0;

// A preparer that fails like a crashed worker thread, when told to.
const preparer: EditPreparer = {
  prepare: () =>
    failPreparer
      ? Promise.reject(new Error("the edit worker exited unexpectedly"))
      : Promise.reject(new Error("not used")),
};

beforeAll(async () => {
  server = await startTestServer({
    logger,
    preparer,
    // Counted, but high enough that every call below reaches the code it means to test.
    authThrottle: { limit: 1_000 },
  });
  const admin = server.client(server.tokens.admin);
  await admin.workflow.register.mutate(dummyWorkflow.toJSONSchema());
  testCaseId = (await admin.testCase.create.mutate({ name: "tc", workflow: dummyWorkflow.name }))
    .id;
});
afterAll(async () => {
  await server.close(100);
});

describe("secrets in logs", () => {
  it("never writes a token or session cookie to the log, stdout or stderr, through auth failures and internal errors", async () => {
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");
    const bodies: string[] = [];
    const secrets: string[] = [
      ...Object.values(server.tokens),
      "assay_guessedTokenThatIsNotValid0123456789abcdefghij",
      "assay_session_guess_0123456789abcdefghijklmnopqrstuv",
    ];
    const [guess, cookieGuess] = secrets.slice(-2) as [string, string];
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const call = async (path: string, type: "query" | "mutation", input: unknown, headers = {}) => {
      const response = await callProcedure(server.url, { path, type }, input, headers);
      bodies.push(response.text);
      return response.status;
    };
    try {
      // Sign in with a token: the cookie it sets is a secret too.
      const signIn = await fetch(`${server.url}/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { token: server.tokens.write } }),
      });
      expect(signIn.status).toBe(200);
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const cookieValue = cookie.split("=")[1] ?? "";
      expect(cookieValue.length).toBeGreaterThan(20);
      secrets.push(cookieValue);

      // Auth failures, with tokens and cookies in every place they can go.
      expect(await call("auth.signIn", "mutation", { token: guess })).toBe(401);
      expect(await call("auth.signIn", "mutation", { token: ` ${guess} ` })).toBe(401);
      expect(await call("model.list", "query", {}, bearer(guess))).toBe(401);
      expect(
        await call("model.list", "query", {}, { cookie: `assay_session=${cookieGuess}` }),
      ).toBe(401);
      expect(await call("token.list", "query", undefined, bearer(server.tokens.read))).toBe(403);
      expect(await call("token.list", "query", undefined, { cookie })).toBe(403);
      expect(await call("auth.me", "query", undefined, { cookie })).toBe(200);
      expect(await call("model.list", "query", { limit: -1 }, bearer(server.tokens.admin))).toBe(
        400,
      );
      const stream = await fetch(`${server.url}/stream/model.inferences?input=%7B`, {
        headers: bearer(guess),
      });
      bodies.push(await stream.text());
      const asset = await fetch(`${server.url}/assets?path=/etc/hostname`, {
        headers: { cookie: `assay_session=${cookieGuess}` },
      });
      bodies.push(await asset.text());

      // An internal error inside a procedure: the edit worker fails.
      failPreparer = true;
      const lines = encodeLines([
        { op: "add", testSample: dummySample(1), groundTruth: dummyGroundTruth(1) },
      ]);
      const edit = {
        workflow: dummyWorkflow.name,
        entries: [{ name: "tc", baseVersion: 0 }],
        lines,
      };
      expect(await call("testCase.edit", "mutation", edit, bearer(server.tokens.admin))).toBe(500);
      expect(await call("testCase.edit", "mutation", edit, { cookie })).toBe(500);
      expect(testCaseId).toBeGreaterThan(0);

      // Internal errors everywhere: the store goes away under the server.
      server.db.$client.close();
      expect(await call("model.list", "query", {}, bearer(server.tokens.read))).toBe(500);
      expect(await call("auth.me", "query", undefined, { cookie })).toBe(500);
      expect(await call("auth.signIn", "mutation", { token: server.tokens.admin })).toBe(500);
      expect(await call("auth.signOut", "mutation", undefined, { cookie })).toBe(500);
      const brokenStream = await fetch(
        `${server.url}/stream/model.inferences?input=${encodeURIComponent('{"modelId":1,"testCaseId":1}')}`,
        { headers: bearer(server.tokens.admin) },
      );
      expect(brokenStream.status).toBe(500);
      bodies.push(await brokenStream.text());
      const brokenAsset = await fetch(`${server.url}/assets?path=/etc/hostname`, {
        headers: { cookie },
      });
      expect(brokenAsset.status).toBe(500);
      bodies.push(await brokenAsset.text());
      expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const logged = lines.map((line) => JSON.stringify(line));
    const written = [...stdout.mock.calls, ...stderr.mock.calls].map(([chunk]) => String(chunk));
    console.log(
      `logged ${logged.length} lines, ${written.length} writes to stdout/stderr, ${bodies.length} bodies; first log line: ${logged[0] ?? "-"}`,
    );
    // The internal errors were logged: the check below looked at real log lines.
    const failed = (procedure: string) =>
      lines.filter((line) => line.msg === "procedure failed" && line.procedure === procedure);
    expect(failed("testCase.edit")).toHaveLength(2);
    expect(failed("auth.signIn")).toHaveLength(1);
    expect(lines.some((line) => line.msg === "stream failed")).toBe(true);
    expect(lines.some((line) => line.msg === "unexpected error")).toBe(true);
    // Each request has its line, with its id, method, path (no query) and status.
    const assetLines = lines.filter(
      (line) =>
        line.msg === "request completed" && (line.req as { path?: string }).path === "/assets",
    );
    expect(assetLines.map((line) => (line.res as { status: number }).status)).toEqual([401, 500]);
    expect(assetLines.every((line) => typeof line.reqId === "string")).toBe(true);
    for (const secret of secrets) {
      const tail = secret.replace(/^assay_/, "");
      const leaks = (texts: string[]) => texts.filter((text) => text.includes(tail));
      expect(leaks(logged), "log lines holding a secret").toEqual([]);
      expect(leaks(written), "stdout/stderr writes holding a secret").toEqual([]);
      expect(leaks(bodies), "response bodies holding a secret").toEqual([]);
    }
  });
});
