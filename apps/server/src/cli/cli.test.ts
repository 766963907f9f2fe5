import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { authenticate, listAudit } from "@assay/api";
import { closeDatabase, openDatabase } from "@assay/db";
import { afterAll, describe, expect, it } from "vitest";

import { runServerCli } from "./index";

const dir = mkdtempSync(join(tmpdir(), "assay-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const code = await runServerCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("assay-server token", () => {
  it("creates a token on the database file and prints only the token", async () => {
    const db = join(dir, "tokens.db");
    const made = await cli(["token", "create", "--name", "ci", "--scope", "write", "--db", db]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^assay_[\w-]{43}\n$/);
    const store = openDatabase(db);
    expect(authenticate(store, { authorization: `Bearer ${made.out.trim()}` })).toMatchObject({
      scope: "write",
    });
    closeDatabase(store);
    expect((await cli(["token", "list", "--db", db])).out).toMatch(/ci\s+write\s+active/);
    expect((await cli(["token", "revoke", "--name", "ci", "--db", db])).code).toBe(0);
    expect((await cli(["token", "list", "--db", db, "--json"])).out).toContain('"revokedAt"');
    // Both changes are in the audit log, by the local CLI, without the token itself.
    const audited = openDatabase(db);
    const { items } = listAudit(audited, {});
    closeDatabase(audited);
    expect(items.map((e) => [e.actor, e.via, e.action, e.target])).toEqual([
      ["local CLI", "cli", "token.revoke", "token 'ci'"],
      ["local CLI", "cli", "token.create", "token 'ci'"],
    ]);
    expect(items[0]?.before).toMatchObject({ name: "ci", revokedAt: null });
    expect(JSON.stringify(items)).not.toContain(made.out.trim().slice(6));
  });

  it("explains what is missing", async () => {
    const db = join(dir, "bad.db");
    expect(await cli(["token", "create", "--name", "x", "--db", db])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--scope read, write or admin") as string,
    });
    expect(await cli(["token", "revoke", "--name", "nobody", "--db", db])).toMatchObject({
      code: 4,
      err: expect.stringContaining("no active token named 'nobody'") as string,
    });
  });
});

describe("assay-server's command line", () => {
  it("has a help per command, a version, and exit codes CI can tell apart", async () => {
    expect(await cli(["--help"])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/assay-server [\d.]+: [\s\S]*Exit codes: 0 ok/) as string,
    });
    expect((await cli([])).code).toBe(2);
    expect(await cli(["--version"])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) as string,
    });
    for (const command of ["serve", "token", "backup", "restore", "export", "import"]) {
      const help = await cli([command, "--help"]);
      expect(help.code, command).toBe(0);
      expect(help.out, command).toContain(`assay-server ${command}`);
    }
    expect((await cli(["serve", "--help"])).out).toMatch(/--base-path[\s\S]*--trust-proxy/);
    expect(await cli(["nonsense"])).toMatchObject({ code: 2, err: /unknown command/ });
    expect(await cli(["backup", "--to"])).toMatchObject({ code: 2, err: /--to/ });
    expect(await cli(["backup", "--frobnicate"])).toMatchObject({ code: 2, err: /frobnicate/ });
    expect(await cli(["serve", "--base-path", "/a b", "--port", "0"])).toMatchObject({
      code: 2,
      err: /not a path prefix/,
    });
    expect(
      await cli(["import", "--in", join(dir, "missing.jsonl"), "--db", join(dir, "i.db")]),
    ).toMatchObject({
      code: 4,
      err: /does not exist/,
    });
  });
});

describe("assay-server serve (the real binary)", () => {
  it("prints a bootstrap token once, serves, and stops gracefully on SIGTERM", async () => {
    const db = join(dir, "serve.db");
    const bin = fileURLToPath(new URL("../../bin/assay-server.js", import.meta.url));
    const first = await runUntilListening(bin, db);
    expect(first.output).toMatch(/admin token was made[\s\S]*assay_[\w-]{43}/);
    const token = /assay_[\w-]{43}/.exec(first.output)?.[0] ?? "";
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    const me = await fetch(`${first.url}/trpc/auth.me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(await first.stop()).toBe(0);
    const second = await runUntilListening(bin, db);
    expect(second.output).not.toContain("admin token was made");
    expect(await second.stop()).toBe(0);
  }, 30_000);
});

async function runUntilListening(bin: string, db: string) {
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--db", db], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\w.:[\]]+)/.exec(output);
      if (match?.[1] && output.includes("store:")) {
        clearTimeout(timer);
        setTimeout(() => resolve(match[1] as string), 50);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    url,
    get output() {
      return output;
    },
    stop: () =>
      new Promise<number | null>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}
