import { createToken, revokeToken } from "@assay/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "../testing";
import { startTestServer } from "../testing";
import { callProcedure, listProcedures, pool, tableNames, tableRows } from "./http";

type Access = "public" | "read" | "write" | "admin";

/**
 * Who may call each procedure. Every procedure of `appRouter` must be here, and nothing else: a new procedure
 * fails this test until it is classified.
 */
const ACCESS: Record<string, Access> = {
  "auth.signIn": "public",
  "auth.signOut": "public",
  "auth.me": "read",
  "token.list": "admin",
  "token.create": "admin",
  "token.revoke": "admin",
  "workflow.register": "write",
  "workflow.list": "read",
  "workflow.schema": "read",
  "model.create": "write",
  "model.load": "read",
  "model.get": "read",
  "model.list": "read",
  "model.update": "write",
  "model.inferences": "read",
  "model.inferencesForSamples": "read",
  "model.testRuns": "read",
  "model.table": "read",
  "model.summary": "read",
  "testCase.create": "write",
  "testCase.load": "read",
  "testCase.get": "read",
  "testCase.versions": "read",
  "testCase.list": "read",
  "testCase.samples": "read",
  "testCase.runs": "read",
  "testCase.sampleStats": "read",
  "testCase.createFromSamples": "write",
  "testCase.edit": "write",
  "testCase.beginEdit": "write",
  "testCase.appendEdit": "write",
  "testCase.commitEdit": "write",
  "testCase.abortEdit": "write",
  "testSuite.create": "write",
  "testSuite.load": "read",
  "testSuite.get": "read",
  "testSuite.versions": "read",
  "testSuite.history": "read",
  "testSuite.sampleCounts": "read",
  "testSuite.list": "read",
  "testSuite.edit": "write",
  "testRun.createOrRetrieve": "write",
  "testRun.get": "read",
  "testRun.list": "read",
  "testRun.find": "read",
  "testRun.remaining": "read",
  "testRun.uploadInferences": "write",
  "testRun.status": "write",
  "testRun.uploadSampleMetrics": "write",
  "testRun.uploadTestCaseResults": "write",
  "testRun.uploadTestSuiteMetrics": "write",
  "testRun.evaluate": "write",
  "testRun.results": "read",
  "testRun.sampleMetricsFor": "read",
  "testRun.sampleMetrics": "read",
  "result.matrix": "read",
  "result.cells": "read",
  "result.metricNames": "read",
  "result.metricFields": "read",
  "result.compare": "read",
  "audit.list": "admin",
  "job.get": "read",
  "job.list": "read",
  "job.cancel": "write",
};

/** Entries for procedures being added in parallel work: tolerated while they do not exist yet. */
const PENDING = new Set(["audit.list"]);

const CALLERS = ["none", "unknown", "revoked", "read", "write", "admin"] as const;
type CallerName = (typeof CALLERS)[number];
const RANK: Record<Access, number> = { public: -1, read: 0, write: 1, admin: 2 };

let server: TestServer;
let credentials: Record<CallerName, string | null>;
beforeAll(async () => {
  // The slow-down would refuse this test's many deliberate failures; it has tests of its own.
  server = await startTestServer({ authThrottle: false });
  const revoked = createToken(server.db, { name: "revoked", scope: "admin" }).token;
  revokeToken(server.db, "revoked");
  credentials = {
    none: null,
    unknown: "assay_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    revoked,
    read: server.tokens.read,
    write: server.tokens.write,
    admin: server.tokens.admin,
  };
});
afterAll(async () => {
  await server.close(100);
});

describe("the authorisation matrix", () => {
  const procedures = listProcedures();

  it("classifies every procedure of appRouter, and only those", () => {
    const existing = new Set(procedures.map((procedure) => procedure.path));
    const unclassified = [...existing].filter((path) => !Object.hasOwn(ACCESS, path));
    const stale = Object.keys(ACCESS).filter((path) => !existing.has(path) && !PENDING.has(path));
    expect(unclassified, "procedures missing from ACCESS: classify them").toEqual([]);
    expect(stale, "ACCESS lists procedures that no longer exist").toEqual([]);
  });

  it("answers each caller by the procedure's scope: 401 without a valid token, 403 below it, never 5xx", async () => {
    const cells = procedures.flatMap((procedure) =>
      CALLERS.map((caller) => ({ procedure, caller })),
    );
    const statuses = await pool(
      cells.map(({ procedure, caller }) => async () => {
        const token = credentials[caller];
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        const input = procedure.inputs.length > 0 ? {} : undefined;
        return (await callProcedure(server.url, procedure, input, headers)).status;
      }),
      8,
    );

    const byPath = new Map<string, Record<CallerName, number>>();
    cells.forEach(({ procedure, caller }, index) => {
      const row = byPath.get(procedure.path) ?? ({} as Record<CallerName, number>);
      row[caller] = statuses[index] as number;
      byPath.set(procedure.path, row);
    });
    const width = Math.max(...procedures.map((procedure) => procedure.path.length));
    const lines = [
      `${"procedure".padEnd(width)}  access  ${CALLERS.map((c) => c.padStart(8)).join("")}`,
      ...[...byPath].map(
        ([path, row]) =>
          `${path.padEnd(width)}  ${(ACCESS[path] ?? "?").padEnd(6)}  ${CALLERS.map((c) => String(row[c]).padStart(8)).join("")}`,
      ),
    ];
    console.log(`authorisation matrix (status per caller):\n${lines.join("\n")}`);

    const wrong: string[] = [];
    for (const [path, row] of byPath) {
      const access = ACCESS[path];
      if (!access) continue; // reported by the test above
      for (const caller of CALLERS) {
        const status = row[caller];
        let expected: string | null = null;
        if (status >= 500) expected = "not 5xx";
        else if (access === "public") {
          if (status === 401 || status === 403) expected = "not 401/403 (public)";
        } else if (caller === "none" || caller === "unknown" || caller === "revoked") {
          if (status !== 401) expected = "401";
        } else if (RANK[caller] < RANK[access]) {
          if (status !== 403) expected = "403";
        } else if (status === 401 || status === 403) {
          expected = "not 401/403";
        }
        if (expected) wrong.push(`${path} as ${caller}: ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("stores tokens hashed: no column of api_tokens, nor of any table, holds a token's text", async () => {
    const made = await server.client(server.tokens.admin).token.create.mutate({
      name: "fresh",
      scope: "read",
    });
    expect(made.token).toMatch(/^assay_/);
    const secret = made.token.slice("assay_".length);
    const tokenRows = tableRows(server.db, "api_tokens");
    expect(tokenRows.some((row) => row.includes('"fresh"'))).toBe(true);
    expect(tokenRows.filter((row) => row.includes(secret))).toEqual([]);
    for (const table of tableNames(server.db)) {
      const leaking = tableRows(server.db, table).filter(
        (row) => row.includes(secret) || row.includes(server.tokens.admin.slice(6)),
      );
      expect(leaking, `rows of ${table} holding a token`).toEqual([]);
    }
  });
});
