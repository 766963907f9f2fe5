import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runBin } from "../bins";
import type { ServerProcess } from "../sdk-server";
import type { ReviewsCli } from "./reviews-cli";
import { GOOD, startReviewsCli } from "./reviews-cli";

let cli: ReviewsCli;
let server: ServerProcess;
let prefix: string;
let suiteName: string;
let reviews: ReviewsCli["workflow"];
const assay: ReviewsCli["assay"] = (args, env) => cli.assay(args, env);
const csv: ReviewsCli["csv"] = (name, predictions) => cli.csv(name, predictions);

beforeAll(async () => {
  cli = await startReviewsCli();
  ({ server, prefix, suiteName, workflow: reviews } = cli);
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
    const file = csv("good.csv", GOOD);
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
