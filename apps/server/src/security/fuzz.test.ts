import { dummyGroundTruth, dummySample, dummyWorkflow } from "@assay/api/testing";
import { encodeLines } from "@assay/workflow/wire";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "../testing";
import { startTestServer } from "../testing";
import type { ProcedureInfo } from "./http";
import { callProcedure, fingerprint, listProcedures, pool } from "./http";

const SEED = 20_240_611;
// At least 10,000 calls over the procedures, and malformed requests besides (FUZZ_CALLS / FUZZ_RAW to change).
const TOTAL_CALLS = Number(process.env.FUZZ_CALLS ?? 10_000);
const RAW_CALLS = Number(process.env.FUZZ_RAW ?? 320);
const CONCURRENCY = 8;
const MAX_BODY_BYTES = 128 * 1024;
/**
 * Not fingerprinted: sign-ins and the audit log; api_tokens is compared without `last_used_at` (written once a
 * minute at most when a token is used).
 */
const VOLATILE_TABLES = ["sessions", "audit_log", "api_tokens"];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: MAX_BODY_BYTES, authThrottle: false });
  const admin = server.client(server.tokens.admin);
  await admin.workflow.register.mutate(dummyWorkflow.toJSONSchema());
  const [testCase] = await admin.testCase.edit.mutate({
    workflow: dummyWorkflow.name,
    entries: [{ name: "fuzz", create: true }],
    lines: encodeLines(
      [1, 2, 3].map((i) => ({
        op: "add",
        testSample: dummySample(i),
        groundTruth: dummyGroundTruth(i),
      })),
    ),
  });
  const suite = await admin.testSuite.create.mutate({ name: "s", workflow: dummyWorkflow.name });
  await admin.testSuite.edit.mutate({
    testSuiteId: suite.testSuiteId,
    baseVersion: 0,
    testCaseIds: [testCase!.id],
  });
  await admin.model.create.mutate({ name: "m", workflow: dummyWorkflow.name, metadata: { a: 1 } });
});
afterAll(async () => {
  await server.close(100);
});

// ---- generators ---------------------------------------------------------------------------------------------------

const protoKey = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: protoKey },
);
const strings = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "NaN",
    "-Infinity",
    "1e309",
    "💥🤖".repeat(20),
    "\u202e\ufeff\ud800",
    "../../etc/passwd",
    "'; DROP TABLE models; --",
    "%00",
    "assay_",
    "Dummy Workflow 🤖",
  ),
);
/** Huge strings, still under the body limit; only as an input's field, so an input holds a few at most. */
const huge = fc.integer({ min: 1_000, max: 30_000 }).map((n) => "é".repeat(n));
const leaf = fc.oneof(
  strings,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    leaf,
    fc.array(tie("tree"), { maxLength: 4 }),
    fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
  ),
}));
/** Deep nesting: arrays or objects hundreds to thousands of levels down. */
const deep = fc
  .tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean(), leaf)
  .map(([depth, asArray, inner]) => {
    let value: unknown = inner;
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { metadata: value };
    return value;
  });

/** The top-level keys an input schema expects (zod objects), to build plausible objects with wrong values. */
function schemaKeys(procedure: ProcedureInfo): string[] {
  const keys = new Set<string>();
  for (const input of procedure.inputs) {
    const shape = (input as { shape?: Record<string, unknown> }).shape;
    if (shape) for (const name of Object.keys(shape)) keys.add(name);
  }
  return [...keys];
}

function inputArbitrary(procedure: ProcedureInfo): fc.Arbitrary<unknown> {
  const keys = schemaKeys(procedure);
  const plausible =
    keys.length === 0
      ? fc.dictionary(key, tree, { maxKeys: 4 })
      : fc
          .tuple(
            fc.record(Object.fromEntries(keys.map((name) => [name, fc.oneof(tree, huge)])), {
              requiredKeys: [],
            }),
            fc.dictionary(key, tree, { maxKeys: 2 }),
          )
          .map(([known, extra]) => ({ ...extra, ...known }));
  return fc.oneof(
    { weight: 2, arbitrary: fc.anything({ key, maxDepth: 3 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 2, arbitrary: tree },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: deep },
    { weight: 4, arbitrary: plausible },
  );
}

/** Whether every input parser of the procedure rejects `value` (vacuously, when it takes none). */
function rejected(procedure: ProcedureInfo, value: unknown): boolean {
  return procedure.inputs.every((schema) => {
    try {
      return !schema.safeParse(value).success;
    } catch {
      return false; // an async schema: not known to reject
    }
  });
}

/** `count` inputs for the procedure, as the server will see them (after JSON), that its parsers reject. */
function rejectedInputs(procedure: ProcedureInfo, count: number, seed: number): unknown[] {
  const out: unknown[] = [];
  const arbitrary = inputArbitrary(procedure);
  for (let round = 0; out.length < count && round < 20; round++) {
    for (const value of fc.sample(arbitrary, { numRuns: count * 2, seed: seed + round * 7919 })) {
      const wire = JSON.stringify(value);
      if (wire === undefined || wire.length > MAX_BODY_BYTES - 1024) continue;
      const received: unknown = JSON.parse(wire);
      if (rejected(procedure, received)) out.push(received);
      if (out.length === count) break;
    }
  }
  return out;
}

interface RawCall {
  kind: string;
  path: string;
  init?: RequestInit & { duplex?: "half" };
  query?: string;
}

function rawCalls(procedures: ProcedureInfo[], token: string): RawCall[] {
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, "content-type": "application/json" };
  const post = (
    headers: Record<string, string>,
    body: string | ReadableStream<Uint8Array>,
  ): RequestInit => ({
    method: "POST",
    headers,
    body,
  });
  const over = "x".repeat(MAX_BODY_BYTES + 1);
  const pick = fc.constantFrom(...procedures.map((procedure) => procedure.path));
  const malformedText = fc.oneof(
    fc.string({ unit: "binary", maxLength: 60 }).filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    }),
    fc.constantFrom(
      "{",
      '{"json":',
      '{"json":{}}}',
      "[1,2",
      "\u0000",
      "NaN",
      '{"json":{"a":1e99999}}',
      "\ufeff{}",
    ),
  );
  const superjsonMeta = fc.oneof(
    fc.constantFrom(
      { values: { __proto__: ["Date"] } },
      { values: { "__proto__.polluted": ["undefined"] } },
      { values: { "constructor.prototype.polluted": ["Date"] } },
      { values: ["set"] },
      { values: { a: ["class", "Nope"] } },
      { values: { a: ["custom", "Nope"] } },
      { values: { a: [["map", { b: ["bigint"] }]] } },
      { referentialEqualities: { a: ["__proto__.x"] } },
      { referentialEqualities: { "": ["constructor.prototype.polluted"] } },
      { values: { a: ["regexp"] }, v: 1 },
    ),
    fc.anything({ key, maxDepth: 3 }),
  );
  const variants: fc.Arbitrary<RawCall>[] = [
    fc.tuple(pick, malformedText).map(([path, body]) => ({
      kind: "invalid JSON body",
      path,
      init: post(json, body),
    })),
    fc
      .tuple(
        pick,
        fc.constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=xyz",
          "multipart/form-data",
          "application/octet-stream",
          "application/json; charset=utf-16",
          "image/png",
        ),
        fc.constantFrom(
          '{"json":{}}',
          "a=1&b=2",
          "--xyz\r\nContent-Disposition: form-data\r\n\r\n",
          "\u0000\u0001",
        ),
      )
      .map(([path, type, body]) => ({
        kind: "wrong content-type",
        path,
        init: post({ ...auth, "content-type": type }, body),
      })),
    fc.tuple(pick, fc.boolean()).map(([path, streamed]) => ({
      kind: "oversized body",
      path,
      init: streamed
        ? {
            ...post(
              json,
              new ReadableStream({
                start(controller) {
                  controller.enqueue(new TextEncoder().encode(`{"json":"${over}"}`));
                  controller.close();
                },
              }),
            ),
            duplex: "half",
          }
        : post(json, `{"json":"${over}"}`),
    })),
    fc.tuple(pick, superjsonMeta).map(([path, meta]) => ({
      kind: "superjson meta",
      path,
      init: post(json, JSON.stringify({ json: { a: 1, b: [1], __proto__: { x: 1 } }, meta })),
    })),
    fc
      .tuple(
        pick,
        fc.constantFrom("%", "%E0%A4%A", "{", "%7B%22json%22%3A", "null", "[]", "%00", "%ff%fe"),
        fc.boolean(),
      )
      .map(([path, input, batch]) => ({
        kind: "malformed query string",
        path: batch ? `${path},${path}` : path,
        query: `?${batch ? "batch=1&" : ""}input=${input}`,
        init: { headers: auth },
      })),
  ];
  return fc.sample(fc.oneof(...variants), { numRuns: RAW_CALLS, seed: SEED });
}

// ---- the test -----------------------------------------------------------------------------------------------------

describe("fuzzing every procedure over HTTP", () => {
  it("answers inputs the parsers reject, and malformed requests, with 4xx only, and leaves the store unchanged", async () => {
    const started = performance.now();
    const before = fingerprint(server.db, VOLATILE_TABLES);
    const tokenRows = (): unknown =>
      server.db.$client
        .prepare("SELECT id, name, scope, token_hash, revoked_at FROM api_tokens")
        .all();
    const tokensBefore = tokenRows();
    const procedures = listProcedures();
    const perProcedure = Math.ceil(TOTAL_CALLS / procedures.length);
    const admin = { authorization: `Bearer ${server.tokens.admin}` };

    const statuses = new Map<string, number>();
    const calls = new Map<string, number>();
    const failures: string[] = [];
    const count = (map: Map<string, number>, name: string) =>
      map.set(name, (map.get(name) ?? 0) + 1);
    const note = (kind: string, status: number, what: () => string) => {
      count(calls, kind);
      count(statuses, String(status));
      if (status >= 500 && failures.length < 20) failures.push(`${status} ${what()}`);
    };

    const tasks: (() => Promise<void>)[] = [];
    procedures.forEach((procedure, index) => {
      const inputs = rejectedInputs(procedure, perProcedure, SEED + index * 104_729);
      expect(inputs.length, `rejected inputs for ${procedure.path}`).toBe(perProcedure);
      for (const input of inputs) {
        tasks.push(async () => {
          const long = JSON.stringify({ json: input }).length > 2_000;
          // Long query inputs go as POST, as httpLink's method override sends them.
          const shape =
            long && procedure.type === "query"
              ? { ...procedure, type: "mutation" as const }
              : procedure;
          const { status, text } = await callProcedure(server.url, shape, input, admin);
          note(
            procedure.type,
            status,
            () =>
              `${procedure.path} ${JSON.stringify(input).slice(0, 200)} → ${text.slice(0, 300)}`,
          );
        });
      }
    });
    for (const raw of rawCalls(procedures, server.tokens.admin)) {
      tasks.push(async () => {
        let status: number;
        try {
          const response = await fetch(
            `${server.url}/trpc/${raw.path}${raw.query ?? ""}`,
            raw.init,
          );
          status = response.status;
          await response.arrayBuffer();
        } catch {
          status = 0; // the server cut the connection (an oversized streamed body)
        }
        note(`raw: ${raw.kind}`, status, () => `${raw.kind} ${raw.path}${raw.query ?? ""}`);
      });
    }
    // Interleave procedures so concurrent calls hit different ones.
    const shuffled = fc.sample(fc.shuffledSubarray(tasks, { minLength: tasks.length }), {
      numRuns: 1,
      seed: SEED,
    })[0]!;
    await pool(shuffled, CONCURRENCY);

    const after = fingerprint(server.db, VOLATILE_TABLES);
    const health = await fetch(`${server.url}/healthz`);
    const rows = (print: typeof before) =>
      Object.entries(print)
        .map(([table, { rows: n }]) => `${table}=${n}`)
        .join(" ");
    console.log(
      [
        `fuzz: ${tasks.length} calls over ${procedures.length} procedures (${perProcedure} each) + ${RAW_CALLS} raw, ${CONCURRENCY} at a time, seed ${SEED}, ${Math.round(performance.now() - started)} ms`,
        `calls by kind: ${[...calls].map(([kind, n]) => `${kind}=${n}`).join(", ")}`,
        `statuses: ${[...statuses]
          .sort()
          .map(([status, n]) => `${status}×${n}`)
          .join(", ")}`,
        `rows before: ${rows(before)}`,
        `rows after:  ${rows(after)}`,
      ].join("\n"),
    );
    expect(failures).toEqual([]);
    expect(statuses.has("0")).toBe(false);
    expect(health.status).toBe(200);
    expect(after).toEqual(before);
    expect(tokenRows()).toEqual(tokensBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("x");
  }, 240_000);
});
