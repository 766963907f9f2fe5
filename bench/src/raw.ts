/**
 * The floors the SDK benchmarks compare against, run in their own process so their memory is not counted as the
 * SDK's: `raw.ts insert N` inserts N samples' rows, exactly as the server stores them, into a fresh store with
 * prepared statements in one transaction; `raw.ts scan DB TEST_CASE MODEL` reads one test case's samples, ground
 * truths and a model's inferences straight from the store and parses them; `raw.ts evaluate DB TEST_CASE MODEL`
 * does the same scan and runs the built-in classification evaluator over the rows in-process, as a script running
 * it itself would (sample metrics, test-case metrics and plots, the sample metrics serialized for upload). Each
 * prints `{"seconds": …}`, the timed part only. (`raw.ts job DB` prints how long the store's last job ran, from its
 * row, for the line that compares the two.)
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { openDatabase } from "@assay/db";
import { createBuiltInEvaluator } from "@assay/metrics";
import { canonicalStringify, splitMetadata } from "@assay/workflow/wire";

import { classification, labelOf, locatorOf } from "./dataset";

const [mode, ...args] = process.argv.slice(2);
if (mode === "insert") insert(Number(args[0]));
else if (mode === "scan") scan(args[0] as string, Number(args[1]), Number(args[2]));
else if (mode === "evaluate") await evaluate(args[0] as string, Number(args[1]), Number(args[2]));
else if (mode === "job") job(args[0] as string);
else
  throw new Error(
    "usage: raw.ts insert N | raw.ts scan DB TEST_CASE_ID MODEL_ID | raw.ts evaluate DB TEST_CASE_ID MODEL_ID | raw.ts job DB",
  );

function insert(n: number): void {
  const dir = mkdtempSync(join(tmpdir(), "assay-raw-"));
  try {
    const db = openDatabase(join(dir, "assay.db"));
    const sqlite = db.$client;
    const now = Date.now();
    sqlite
      .prepare(
        "INSERT INTO workflows (name, test_sample_type, schema_json, created_at, updated_at) VALUES ('raw', 'TEST_SAMPLE/IMAGE', '{}', ?, ?)",
      )
      .run(now, now);
    sqlite
      .prepare(
        "INSERT INTO test_cases (name, workflow_id, latest_version, created_at, updated_at) VALUES ('raw', 1, 0, ?, ?)",
      )
      .run(now, now);
    // The rows as the server writes them (validated, canonical, hashed), built before the clock starts.
    const { workflow } = classification;
    const rows = Array.from({ length: n }, (_, i) => {
      const { sample, metadata } = splitMetadata(
        workflow.parseTestSample({ locator: locatorOf(i) }),
      );
      const sampleJson = canonicalStringify(sample);
      return {
        hash: createHash("sha256").update(sampleJson).digest(),
        sampleJson,
        metadataJson: canonicalStringify(metadata),
        groundTruthJson: canonicalStringify(
          workflow.parseGroundTruth({ label: { label: labelOf(i) } }),
        ),
      };
    });
    const insertSample = sqlite.prepare<[Buffer, string, string], { id: number }>(
      `INSERT INTO test_samples (workflow_id, identity_hash, sample_json, metadata_json) VALUES (1, ?, ?, ?)
       ON CONFLICT (workflow_id, identity_hash) DO NOTHING RETURNING id`,
    );
    const insertMember = sqlite.prepare<[number, number, string]>(
      `INSERT INTO test_case_members (test_case_id, sample_id, position, ground_truth_json, added_version)
       VALUES (1, ?, ?, ?, 1)`,
    );
    const start = performance.now();
    sqlite.transaction(() => {
      rows.forEach((row, i) => {
        const inserted = insertSample.get(row.hash, row.sampleJson, row.metadataJson);
        insertMember.run(inserted?.id ?? 0, i, row.groundTruthJson);
      });
    })();
    print(start);
    sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A test case's (sample, ground truth, inference) rows for a model, in position order, as JSON text. */
function triplesQuery(file: string) {
  return openDatabase(file, { readonly: true })
    .$client.prepare<[number, number], [string, string, string]>(
      `SELECT s.sample_json, m.ground_truth_json, i.inference_json
       FROM test_case_members m
       JOIN test_samples s ON s.id = m.sample_id
       JOIN inferences i ON i.model_id = ? AND i.sample_id = m.sample_id
       WHERE m.test_case_id = ? AND m.removed_version IS NULL
       ORDER BY m.position`,
    )
    .raw();
}

function scan(file: string, testCaseId: number, modelId: number): void {
  const rows = triplesQuery(file);
  const start = performance.now();
  let count = 0;
  for (const [sample, groundTruth, inference] of rows.iterate(modelId, testCaseId)) {
    JSON.parse(sample);
    JSON.parse(groundTruth);
    JSON.parse(inference);
    count++;
  }
  print(start, { count });
}

async function evaluate(file: string, testCaseId: number, modelId: number): Promise<void> {
  const rows = triplesQuery(file);
  const evaluator = createBuiltInEvaluator({
    name: "classification",
    configurations: [{ displayName: "default" }],
  });
  const [configuration] = evaluator.configurations;
  const testCase = { name: "bench", version: 1 };
  const start = performance.now();
  const triples = rows
    .all(modelId, testCaseId)
    .map(([sample, groundTruth, inference]): unknown[] => [
      JSON.parse(sample),
      JSON.parse(groundTruth),
      JSON.parse(inference),
    ]) as never[];
  const samples = await evaluator.computeTestSampleMetrics(testCase, triples, configuration);
  const metrics = samples.map(([, value]) => value);
  let bytes = 0;
  for (const value of metrics) bytes += canonicalStringify(value).length;
  await evaluator.computeTestCaseMetrics(testCase, triples, metrics, configuration);
  await evaluator.computeTestCasePlots(testCase, triples, metrics, configuration);
  print(start, { count: triples.length, bytes });
}

function print(start: number, extra: object = {}): void {
  process.stdout.write(
    `${JSON.stringify({ seconds: (performance.now() - start) / 1000, ...extra })}\n`,
  );
}

function job(file: string): void {
  const sqlite = openDatabase(file, { readonly: true }).$client;
  const row = sqlite
    .prepare<[], { startedAt: number; finishedAt: number; status: string }>(
      "SELECT started_at AS startedAt, finished_at AS finishedAt, status FROM jobs ORDER BY id DESC LIMIT 1",
    )
    .get();
  if (row?.status !== "done") throw new Error(`the last job is ${row?.status ?? "missing"}`);
  process.stdout.write(`${JSON.stringify({ seconds: (row.finishedAt - row.startedAt) / 1000 })}\n`);
}
