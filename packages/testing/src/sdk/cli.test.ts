import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Inference,
  ScoredClassificationLabel,
  Text,
} from "@assay/sdk";
import { runBin } from "../bins";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

let server: ServerProcess;
const prefix = uniquePrefix();
const suiteName = `${prefix} reviews`;
const bigSuiteName = `${prefix} reviews (16)`;

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
function assay(args: string[], env: Record<string, string | undefined> = {}) {
  return runBin("@assay/sdk", "assay", args, {
    ASSAY_URL: server.url,
    ASSAY_TOKEN: server.token,
    ...env,
  });
}

/** The 8 reviews and 8 more: a suite where a difference can be significant. */
const more = Array.from({ length: 8 }, (_, i) => `review number ${i}`);

function csv(name: string, predictions: string[]) {
  const path = join(server.dir, name);
  // Every model is wrong on the extra reviews when it is wrong on the first 8's positives, right otherwise.
  const bad = predictions[0] !== labels[0];
  const rows = [
    ...texts.map((text, i) => `"${text}",${predictions[i]},0.8`),
    ...more.map((text, i) => `"${text}",${bad === (i % 2 === 0) ? "neg" : "pos"},0.8`),
  ];
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
  const all16 = await reviews.TestCase.create(`${prefix} all 16`, {
    testSamples: [...texts, ...more].map((text, i) => [
      { text },
      { label: { label: i < texts.length ? labels[i]! : i % 2 === 0 ? "pos" : "neg" } },
    ]),
  });
  await reviews.TestSuite.create(bigSuiteName, { testCases: [all16] });
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
      ...["test", "--model", `${prefix} bad`, "--suite", suiteName, "--inferences", bad],
      ...["--key", "text", "--evaluator", "classification", "--json"],
    ]);
    expect(tested.code).toBe(0);
    for (const [model, file] of [
      [`${prefix} bad`, bad],
      [`${prefix} good`, join(server.dir, "good.csv")],
    ] as const) {
      const big = await assay([
        ...["test", "--model", model, "--suite", bigSuiteName, "--inferences", file],
        ...["--key", "text", "--evaluator", "classification", "--json"],
      ]);
      expect(big.code).toBe(0);
    }
    const gate = (model: string, suite: string, ...more: string[]) =>
      assay(["gate", "--model", model, "--suite", suite, "--metric", "accuracy", ...more]);
    const pass = await gate(`${prefix} good`, suiteName, "--min", "0.7");
    expect([pass.code, pass.out]).toEqual([
      0,
      expect.stringContaining("all 2 test cases passed") as string,
    ]);
    // 4 samples a test case: even all wrong against all right is no evidence (McNemar's exact p = 0.125).
    const small = await gate(`${prefix} bad`, suiteName, "--reference", `${prefix} good`, "--json");
    expect(small.code).toBe(0);
    const smallReport = JSON.parse(small.out) as {
      checks: { comparison: { test: string; pValue: number; significant: boolean } }[];
    };
    expect(smallReport.checks[0]?.comparison).toMatchObject({
      test: "mcnemar",
      pValue: 0.125,
      significant: false,
    });
    // 16 samples (the good model is wrong on one): the same regression is significant, and the gate fails.
    const fail = await gate(
      `${prefix} bad`,
      bigSuiteName,
      ...["--reference", `${prefix} good`, "--json"],
    );
    expect(fail.code).toBe(1);
    const report = JSON.parse(fail.out) as { passed: boolean; checks: { failures: string[] }[] };
    expect(report.passed).toBe(false);
    expect(report.checks[0]?.failures[0]).toMatch(
      /^regressed by 0\.9375 against .*\(McNemar's test: difference -0\.9375, 95% CI .*n = 16\)$/,
    );

    // assay compare: the same test, p-values and interval as the gate's, and exit 1 for the regression.
    const compared = await assay([
      ...["compare", "--model", `${prefix} good`, "--model", `${prefix} bad`],
      ...["--suite", bigSuiteName, "--metric", "accuracy", "--json"],
    ]);
    expect(compared.code).toBe(1);
    const cells = (JSON.parse(compared.out) as { cells: Record<string, unknown>[] }).cells;
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({
      model: `${prefix} bad`,
      metric: "accuracy",
      test: "mcnemar",
      n: 16,
      difference: -15 / 16,
      verdict: "regressed",
    });
    expect(report.checks[0]?.failures[0]).toContain(cells[0]?.description as string);
    const table = await assay([
      ...["compare", "--model", `${prefix} good`, "--model", `${prefix} bad`],
      ...["--suite", bigSuiteName, "--metric", "accuracy", "--metric", "nCorrect"],
    ]);
    expect(table.out).toMatch(/TEST CASE\s+CONFIGURATION\s+MODEL\s+METRIC\s+DIFFERENCE\s+95% CI/);
    expect(table.out).toMatch(/nCorrect\s+-15\s+\[-1\d, -1\d\]\s+paired-bootstrap/);

    // Binary, with every score 0.8 read as the positive class's probability: the negative predictions
    // contradict that reading, and the run (and the command) says so.
    const binary = await assay([
      ...["test", "--model", `${prefix} binary`, "--suite", bigSuiteName],
      ...[
        "--inferences",
        join(server.dir, "good.csv"),
        "--key",
        "text",
        "--evaluator",
        "classification",
      ],
      ...[
        "--options",
        '{"positiveLabel":"pos","labels":["neg","pos"],"binaryScore":"positive-probability"}',
      ],
    ]);
    expect(binary.code).toBe(0);
    expect(binary.err).toMatch(
      /^warning: 9 of 16 scored predictions are scored on the other side of 0\.5/,
    );
    expect(binary.err).toContain('set the option binaryScore to "predicted-confidence"');
  }, 90_000);

  it("lists and shows suites", async () => {
    const list = await assay(["suite", "list", "--tag", "cli", "--json"]);
    expect((JSON.parse(list.out) as { name: string }[]).map((s) => s.name)).toEqual([suiteName]);
    const show = await assay(["suite", "show", `${suiteName}@1`]);
    expect(show.out).toMatch(new RegExp(`${prefix} first\\s+1\\s+4`));
  }, 30_000);

  it("exits with codes CI can tell apart, and with --json says why in JSON", async () => {
    await reviews.Model.create(`${prefix} taken`);
    const partial = join(server.dir, "partial.csv");
    writeFileSync(partial, "text,prediction.label,prediction.score\nloved it,pos,0.9\n");
    const testFrom = (file: string) => [
      "test",
      ...["--model", `${prefix} partial`, "--suite", suiteName, "--inferences", file],
      ...["--key", "text"],
    ];
    const reader = await runBin("@assay/server", "assay-server", [
      ...["token", "create", "--name", `${prefix} reader`, "--scope", "read"],
      ...["--db", join(server.dir, "assay.db")],
    ]);
    const readToken = reader.out.trim();
    // [what, arguments, environment, exit code, the error's class, its message]
    const table: [string, string[], Record<string, string | undefined>, number, string, RegExp][] =
      [
        ["ok", ["model", "list"], {}, 0, "", /NAME/],
        ["unknown command", ["frobnicate"], {}, 2, "UsageError", /unknown command 'frobnicate'/],
        ["a server command", ["serve"], {}, 2, "UsageError", /assay-server serve/],
        ["missing flag", ["test", "--model", "x"], {}, 2, "UsageError", /test needs --suite/],
        ["unknown flag", ["model", "list", "--nope"], {}, 2, "UsageError", /--nope/],
        [
          "bad JSON",
          ["model", "create", "m", "--workflow", "w", "--metadata", "{"],
          {},
          2,
          "InputValidationError",
          /--metadata: not valid JSON/,
        ],
        [
          "inferences that do not fit",
          testFrom(partial),
          {},
          2,
          "InputValidationError",
          /inference\.prediction: expected object, received undefined \(the inference of \{"dataType":"TEST_SAMPLE\/TEXT","text":"[^"]+"\}\)/,
        ],
        [
          "no server",
          ["model", "list"],
          { ASSAY_URL: "http://127.0.0.1:9" },
          3,
          "ConnectionError",
          /could not reach Assay at http:\/\/127\.0\.0\.1:9/,
        ],
        [
          "no token",
          ["model", "list"],
          { ASSAY_TOKEN: undefined },
          3,
          "UnauthenticatedError",
          /no token: set ASSAY_TOKEN/,
        ],
        [
          "bad token",
          ["model", "list"],
          { ASSAY_TOKEN: "assay_wrong" },
          3,
          "UnauthenticatedError",
          /refused the token.*assay-server token create/s,
        ],
        [
          "read token writing",
          ["model", "create", `${prefix} r`, "--workflow", reviews.workflow.name],
          { ASSAY_TOKEN: readToken },
          3,
          "PermissionDeniedError",
          /needs a write token/,
        ],
        ["no such model", ["model", "show", `${prefix} nobody`], {}, 4, "NotFoundError", /nobody/],
        [
          "no such suite",
          ["results", "--model", `${prefix} taken`, "--suite", "nope"],
          {},
          4,
          "NotFoundError",
          /nope/,
        ],
        [
          "a name taken",
          ["model", "create", `${prefix} taken`, "--workflow", reviews.workflow.name],
          {},
          5,
          "NameConflictError",
          /already exists/,
        ],
      ];
    for (const [what, args, env, code, name, message] of table) {
      const plain = await assay(args, env);
      expect(plain.code, what).toBe(code);
      expect(code === 0 ? plain.out : plain.err, what).toMatch(message);
      if (code === 0) continue;
      const json = await assay([...args, "--json"], env);
      expect(json.code, what).toBe(code);
      expect(JSON.parse(json.out), what).toMatchObject({
        error: { name, exitCode: code, message: expect.stringMatching(message) as string },
      });
    }
  }, 120_000);

  it("has a version and a help for every command", async () => {
    const version = await assay(["--version"]);
    expect(version.code).toBe(0);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await assay([])).code).toBe(2);
    expect(await assay(["--help"])).toMatchObject({ code: 0, out: /Exit codes: 0 ok/ });
    for (const command of ["model", "suite", "test", "results", "compare", "gate", "audit"]) {
      const help = await assay([command, "--help"]);
      expect(help.code, command).toBe(0);
      expect(help.out, command).toContain(`assay ${command}`);
    }
    expect((await assay(["gate", "--help"])).out).toContain("exits 1 when any test case fails");
  });

  it("works with a token made by assay-server on the database file", async () => {
    const made = await runBin("@assay/server", "assay-server", [
      ...["token", "create", "--name", `${prefix} ci`, "--scope", "read"],
      ...["--db", join(server.dir, "assay.db")],
    ]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^assay_[\w-]{43}\n$/);
    const listed = await assay(["model", "list", "--json"], { ASSAY_TOKEN: made.out.trim() });
    expect(listed.code).toBe(0);
  }, 30_000);
});
