import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  getClient,
  initialize,
  NotFoundError,
  PermissionDeniedError,
  RemoteError,
  UnauthenticatedError,
} from "@assay/sdk";
import { waitFor } from "../crash";
import { dummy } from "../dummy";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

describe("errors", () => {
  it("a bad token gives UnauthenticatedError saying how to get one", async () => {
    initialize({ url: server.url, token: "assay_not-a-real-token" });
    const attempt = dummy.Model.load("anything");
    await expect(attempt).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(attempt).rejects.toThrow(/ASSAY_TOKEN.*assay-server token create/);
    initialize({ url: server.url, token: server.token });
  });

  it("a token without the scope gives PermissionDeniedError", async () => {
    initialize({ url: server.url, token: server.token });
    const { token } = await getClient().call((trpc) =>
      trpc.token.create.mutate({ name: `${uniquePrefix()} reader`, scope: "read" }),
    );
    initialize({ url: server.url, token });
    await expect(dummy.Model.create(`${uniquePrefix()} m`)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    initialize({ url: server.url, token: server.token });
  });

  it("an unreachable server gives RemoteError saying where it looked", async () => {
    initialize({ url: "http://127.0.0.1:9", token: server.token, maxRetries: 0 });
    const attempt = dummy.Model.load("anything");
    await expect(attempt).rejects.toBeInstanceOf(RemoteError);
    await expect(attempt).rejects.toThrow(
      /could not reach Assay at http:\/\/127\.0\.0\.1:9.*is the server running/,
    );
    initialize({ url: server.url, token: server.token });
  });

  it("an error carries the id of its request, which the server's log line for it has too", async () => {
    initialize({ url: server.url, token: server.token });
    const error = (await dummy.Model.load("no such model").catch(
      (e: unknown) => e,
    )) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = await waitFor(
      () =>
        server.output.split("\n").find((text) => text.includes(`"reqId":"${error.requestId}"`)) ??
        "",
      (found) => found !== "",
      { what: "the server's log line for the request" },
    );
    expect(JSON.parse(line)).toMatchObject({
      level: "warn",
      msg: "request completed",
      req: { path: "/trpc/model.load" },
      res: { status: 404 },
    });

    // A client (or a proxy in front of the server) that names its requests keeps its names.
    initialize({ url: server.url, token: server.token, headers: { "X-Request-Id": "trace-42.a" } });
    const named = (await dummy.Model.load("no such model").catch(
      (e: unknown) => e,
    )) as NotFoundError;
    expect(named.requestId).toBe("trace-42.a");
    initialize({ url: server.url, token: server.token });
  });
});
