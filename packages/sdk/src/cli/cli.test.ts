import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Inference,
  ScoredClassificationLabel,
  Text,
} from "../index";
import type { ServerProcess } from "../test-utils/server";
import { startServerProcess, uniquePrefix } from "../test-utils/server";

const BIN = fileURLToPath(new URL("../../bin/assay.js", import.meta.url));
let server: ServerProcess;
const prefix = uniquePrefix();
const suiteName = `${prefix} reviews`;

const reviews = defineWorkflow({
  name: `Reviews ${prefix}`,
  testSample: Text,
  groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
  inference: Inference.extend({ prediction: ScoredClassificationLabel }),
});
const texts = [
  "loved it",
  "hated it",
  "great value",
  "broke at once",
  "works fine",
  "awful support",
  "superb",
  "meh",
];
const labels = ["pos", "neg", "pos", "neg", "pos", "neg", "pos", "neg"];

/** Runs the real `assay` binary with the server's URL and a token; resolves to its exit code and output. */
function assay(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ASSAY_URL: server.url, ASSAY_TOKEN: server.token, CI: "1", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => resolve({ code, out, err }));
  });
}

function csv(name: string, predictions: string[]) {
  const path = join(server.dir, name);
  const rows = texts.map((text, i) => `"${text}",${predictions[i]},0.8`);
  // The last sample has no row: it gets an empty inference, which this workflow refuses (prediction is required).
  writeFileSync(path, ["text,prediction.label,prediction.score", ...rows].join("\n"));
  return path;
}

beforeAll(async () => {
  server = await startServerProcess();
  const half = texts.length / 2;
  const [first, second] = await reviews.TestCase.initMany([
    [
      `${prefix} first`,
      texts.slice(0, half).map((text, i) => [{ text }, { label: { label: labels[i]! } }]),
    ],
    [
      `${prefix} second`,
      texts.slice(half).map((text, i) => [{ text }, { label: { label: labels[half + i]! } }]),
    ],
  ]);
  await reviews.TestSuite.create(suiteName, { testCases: [first!, second!], tags: ["cli"] });
});
afterAll(() => server.stop());

describe("the assay binary", () => {
  it("manages models: create with metadata from a file, list by tag, update, show", async () => {
    const metadataFile = join(server.dir, "metadata.json");
    writeFileSync(metadataFile, JSON.stringify({ framework: "lexicon", params: { window: 3 } }));
    const created = await assay([
      "model",
      "create",
      `${prefix} lexicon`,
      "--workflow",
      reviews.workflow.name,
      "--metadata",
      `@${metadataFile}`,
      "--tag",
      "baseline",
      "--json",
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({
      name: `${prefix} lexicon`,
      metadata: { framework: "lexicon" },
      tags: ["baseline"],
    });
    const listed = await assay(["model", "list", "--tag", "baseline", "--json"]);
    expect((JSON.parse(listed.out) as { name: string }[]).map((m) => m.name)).toContain(
      `${prefix} lexicon`,
    );
    const updated = await assay([
      "model",
      "update",
      `${prefix} lexicon`,
      "--metadata",
      '{"framework":"lexicon","version":2}',
      "--tag",
      "v2",
    ]);
    expect(updated.code).toBe(0);
    expect(updated.out).toContain('"version": 2');
    const shown = await assay(["model", "show", `${prefix} lexicon`]);
    expect(shown.out).toMatch(/v2/);
  }, 30_000);

  it("prints the audit log: who changed what, before and after", async () => {
    const name = `${prefix} audited`;
    await assay(["model", "create", name, "--workflow", reviews.workflow.name, "--tag", "a"]);
    await assay(["model", "update", name, "--tag", "b"]);
    const json = await assay(["audit", "--action", "model", "--limit", "500", "--json"]);
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.out) as { action: string; target: string; before: unknown }[];
    const mine = entries.filter((entry) => entry.target.includes(name));
    expect(mine.map((entry) => entry.action)).toEqual(["model.update", "model.create"]);
    expect(mine[0]?.before).toMatchObject({ name, tags: ["a"] });
    const table = await assay(["audit", "--limit", "3"]);
    expect(table.out.split("\n")[0]).toMatch(/^WHEN\s+ACTOR\s+VIA\s+ACTION\s+TARGET/);
    expect(table.out).toContain(`model.update`);
  }, 30_000);

  it("tests from a CSV of inferences with a built-in evaluator, then prints results as a table and CSV", async () => {
    const file = csv("good.csv", ["pos", "neg", "pos", "neg", "pos", "neg", "neg", "neg"]);
    const tested = await assay([
      "test",
      "--model",
      `${prefix} good`,
      "--suite",
      suiteName,
      "--inferences",
      file,
      "--key",
      "text",
      "--evaluator",
      "classification",
    ]);
    expect(tested.err).toBe("");
    expect(tested.code).toBe(0);
    expect(tested.out).toMatch(/TEST CASE\s+VERSION\s+SAMPLES\s+CONFIGURATION.*accuracy/s);
    const results = await assay([
      "results",
      "--model",
      `${prefix} good`,
      "--suite",
      suiteName,
      "--format",
      "csv",
    ]);
    const [header, ...rows] = results.out.trim().split("\n");
    expect(header).toMatch(/^test_case,version,samples,configuration,.*accuracy/);
    const accuracy = header!.split(",").indexOf("accuracy");
    expect(rows.map((row) => Number(row.split(",")[accuracy]))).toEqual([1, 0.75]);
    const json = await assay([
      "results",
      "--model",
      `${prefix} good`,
      "--suite",
      `${suiteName}@1`,
      "--json",
    ]);
    expect(JSON.parse(json.out)).toMatchObject({
      testRun: { evaluator: "Classification", status: "completed" },
    });
  }, 60_000);

  it("gates: passes a threshold, fails a significant regression with exit code 1", async () => {
    const bad = csv("bad.csv", ["neg", "pos", "neg", "pos", "neg", "pos", "neg", "pos"]);
    const tested = await assay([
      "test",
      "--model",
      `${prefix} bad`,
      "--suite",
      suiteName,
      "--inferences",
      bad,
      "--key",
      "text",
      "--evaluator",
      "classification",
      "--json",
    ]);
    expect(tested.code).toBe(0);
    const pass = await assay([
      "gate",
      "--model",
      `${prefix} good`,
      "--suite",
      suiteName,
      "--metric",
      "accuracy",
      "--min",
      "0.7",
    ]);
    expect([pass.code, pass.out]).toEqual([
      0,
      expect.stringContaining("all 2 test cases passed") as string,
    ]);
    const fail = await assay([
      "gate",
      "--model",
      `${prefix} bad`,
      "--suite",
      suiteName,
      "--metric",
      "accuracy",
      "--reference",
      `${prefix} good`,
      "--json",
    ]);
    expect(fail.code).toBe(1);
    const report = JSON.parse(fail.out) as { passed: boolean; checks: { failures: string[] }[] };
    expect(report.passed).toBe(false);
    expect(report.checks[0]?.failures[0]).toMatch(/regressed by 1 against/);
  }, 60_000);

  it("lists and shows suites", async () => {
    const list = await assay(["suite", "list", "--tag", "cli", "--json"]);
    expect((JSON.parse(list.out) as { name: string }[]).map((s) => s.name)).toEqual([suiteName]);
    const show = await assay(["suite", "show", `${suiteName}@1`]);
    expect(show.out).toMatch(new RegExp(`${prefix} first\\s+1\\s+4`));
  }, 30_000);

  it("says what is wrong: bad token, missing file rows, unknown command, missing flags", async () => {
    const badToken = await assay(["model", "list"], { ASSAY_TOKEN: "assay_wrong" });
    expect([badToken.code, badToken.err]).toEqual([
      1,
      expect.stringMatching(/UnauthenticatedError.*assay token create/s) as string,
    ]);
    const partial = join(server.dir, "partial.csv");
    writeFileSync(partial, "text,prediction.label,prediction.score\nloved it,pos,0.9\n");
    const missing = await assay([
      "test",
      "--model",
      `${prefix} partial`,
      "--suite",
      suiteName,
      "--inferences",
      partial,
      "--key",
      "text",
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      /InputValidationError: inference\.prediction: expected object, received undefined \(the inference of \{"dataType":"TEST_SAMPLE\/TEXT","text":"[^"]+"\}\)/,
    );
    const unknown = await assay(["frobnicate"]);
    expect(unknown.code).toBe(2);
    const noFlags = await assay(["test", "--model", "x"]);
    expect([noFlags.code, noFlags.err]).toEqual([
      2,
      expect.stringContaining("test needs --suite") as string,
    ]);
    const help = await assay(["gate", "--help"]);
    expect([help.code, help.out]).toEqual([
      0,
      expect.stringContaining("exits 1 when any test case fails") as string,
    ]);
  }, 60_000);

  it("creates tokens on the database file and prints only the token", async () => {
    const made = await assay([
      "token",
      "create",
      "--name",
      `${prefix} ci`,
      "--scope",
      "read",
      "--db",
      join(server.dir, "assay.db"),
    ]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^assay_[\w-]{43}\n$/);
    const listed = await assay(["model", "list", "--json"], { ASSAY_TOKEN: made.out.trim() });
    expect(listed.code).toBe(0);
  }, 30_000);
});
