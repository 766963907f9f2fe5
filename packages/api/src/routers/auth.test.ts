import { describe, expect, it } from "vitest";

import { authenticate } from "../context";
import { createToken, ensureBootstrapToken, listTokens } from "../services/auth";
import { failure, registerDummy, setupApi } from "../testing";

describe("authentication", () => {
  it("refuses callers without a token, and callers whose scope is too low", async () => {
    const t = setupApi();
    await registerDummy(t.api);
    expect(await failure(() => t.as(null).model.list({}))).toMatchObject({ code: "UNAUTHORIZED" });
    const reader = t.as("read");
    expect((await reader.model.list({})).items).toEqual([]);
    const forbidden = await failure(() =>
      reader.model.create({ name: "m", workflow: "Dummy Workflow 🤖" }),
    );
    expect(forbidden).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("needs a write token") as string,
    });
    await t.as("write").model.create({ name: "m", workflow: "Dummy Workflow 🤖" });
    expect(await failure(() => t.as("write").token.list())).toMatchObject({ code: "FORBIDDEN" });
  });

  it("stores tokens only as hashes and finds them by bearer header", () => {
    const t = setupApi();
    const { token, info } = createToken(t.db, { name: "ci", scope: "write" });
    expect(token).toMatch(/^assay_[A-Za-z0-9_-]{43}$/);
    const stored = t.db.$client
      .prepare("SELECT * FROM api_tokens WHERE name = 'ci'")
      .get() as Record<string, unknown>;
    expect(JSON.stringify(Object.values(stored))).not.toContain(token.slice(6));
    expect(authenticate(t.db, { authorization: `Bearer ${token}` })).toMatchObject({
      tokenId: info.id,
      scope: "write",
    });
    expect(authenticate(t.db, { authorization: `Bearer ${token}x` })).toBeNull();
    expect(authenticate(t.db, { authorization: "Basic abc" })).toBeNull();
    expect(authenticate(t.db, {})).toBeNull();
  });

  it("stops accepting a revoked token and its sessions", async () => {
    const t = setupApi();
    const { token } = createToken(t.db, { name: "temp", scope: "read" });
    await t.as(null).auth.signIn({ token });
    const session = t.cookies.at(-1)?.value ?? "";
    expect(authenticate(t.db, { cookie: `assay_session=${session}` })).toMatchObject({
      tokenName: "temp",
      via: "session",
    });
    await t.api.token.revoke({ name: "temp" });
    expect(authenticate(t.db, { authorization: `Bearer ${token}` })).toBeNull();
    expect(authenticate(t.db, { cookie: `assay_session=${session}` })).toBeNull();
    expect(await failure(() => t.api.token.revoke({ name: "temp" }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("signs in with a token into a session cookie, and signs out", async () => {
    const t = setupApi();
    const { token } = createToken(t.db, { name: "web", scope: "write" });
    expect(await failure(() => t.as(null).auth.signIn({ token: "assay_wrong" }))).toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await t.as(null).auth.signIn({ token: ` ${token} ` })).toEqual({
      tokenName: "web",
      scope: "write",
    });
    const cookie = t.cookies.at(-1);
    expect(cookie?.name).toBe("assay_session");
    expect(cookie?.value).not.toContain(token);
    const caller = authenticate(t.db, { cookie: `other=1; assay_session=${cookie?.value}` });
    expect(caller).toMatchObject({ tokenName: "web", scope: "write" });
  });

  it("makes a bootstrap admin token only for an empty store", () => {
    const t = setupApi();
    const fresh = setupApi();
    fresh.db.$client.prepare("DELETE FROM api_tokens").run();
    const token = ensureBootstrapToken(fresh.db);
    expect(token).toMatch(/^assay_/);
    expect(authenticate(fresh.db, { authorization: `Bearer ${token}` })).toMatchObject({
      scope: "admin",
      tokenName: "bootstrap",
    });
    expect(ensureBootstrapToken(fresh.db)).toBeNull();
    expect(ensureBootstrapToken(t.db)).toBeNull();
    expect(listTokens(fresh.db).map((info) => info.name)).toEqual(["bootstrap"]);
  });

  it("manages tokens for admins, refusing duplicate names", async () => {
    const t = setupApi();
    const made = await t.api.token.create({ name: "reader", scope: "read" });
    expect(made.info).toMatchObject({ name: "reader", scope: "read", revokedAt: null });
    expect(
      await failure(() => t.api.token.create({ name: "reader", scope: "admin" })),
    ).toMatchObject({ kind: "NAME_CONFLICT" });
    expect((await t.api.token.list()).map((info) => info.name)).toContain("reader");
  });
});
