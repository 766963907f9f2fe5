import type { DB } from "@assay/db";
import { sql as sqlTag, testRunEvaluations, testRuns, transaction } from "@assay/db";
import type { LinesPage } from "@assay/workflow/wire";
import { canonicalStringify, decodeLines, objectFromJson, parseWith } from "@assay/workflow/wire";
import { z } from "zod";

import { duplicateInference, incorrectUsage } from "../errors";
import { modelRow } from "./models";
import type { LineSink } from "./line-sink";
import { ByteLines, TextLines } from "./line-sink";
import { encodeCursor, numericCursor, PAGE_CHARS } from "./pagination";
import { SampleWriter } from "./samples";
import { getTestCaseVersion } from "./test-cases";
import { runRow } from "./test-runs";
import { getWorkflowById, validatorFor } from "./workflows";

/** Upload lines name their sample by id (as pages give it) or by content; `SampleResolver` finds it. */
export const SampleRefFields = {
  sampleId: z.int().optional(),
  testSample: z.record(z.string(), z.unknown()).optional(),
};

const InferenceLine = z.object({
  ...SampleRefFields,
  inference: z.record(z.string(), z.unknown()),
});

export const UploadInferencesInput = z.object({
  testRunId: z.int(),
  /** Replace inferences the model already has instead of refusing them. */
  reset: z.boolean().default(false),
  /** NDJSON lines `{"sampleId":…,"inference":…}` (or `"testSample"` instead of `"sampleId"`). */
  lines: z.string(),
});

/**
 * Stores a batch of inferences of the run's model, one per (model, sample), in one transaction. Without
 * `reset`, a sample that already has an inference from this model rejects the batch.
 */
export function uploadInferences(
  db: DB,
  raw: z.input<typeof UploadInferencesInput>,
): { count: number } {
  const input = UploadInferencesInput.parse(raw);
  const run = runRow(db, input.testRunId);
  const model = modelRow(db, run.modelId);
  const workflow = getWorkflowById(db, model.workflowId);
  const validator = validatorFor(db, workflow);
  const resolver = new SampleResolver(db, workflow.id);
  const insert = db.$client.prepare<[number, number, string, number, number]>(
    input.reset
      ? `INSERT INTO inferences (model_id, sample_id, inference_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (model_id, sample_id) DO UPDATE SET inference_json = excluded.inference_json,
           updated_at = excluded.updated_at`
      : `INSERT INTO inferences (model_id, sample_id, inference_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (model_id, sample_id) DO NOTHING`,
  );
  return transaction(db, () => {
    const values = decodeLines(input.lines);
    const now = Date.now();
    values.forEach((value, i) => {
      const root = `lines[${i}]`;
      const line = parseWith(InferenceLine, value, root);
      const sampleId = resolver.resolve(line, root, (sample) =>
        validator.parseTestSample(sample, `${root}.testSample`),
      );
      const inference = canonicalStringify(
        validator.parseInference(line.inference, `${root}.inference`),
      );
      if (insert.run(model.id, sampleId, inference, now, now).changes === 0) {
        throw duplicateInference(
          `${root}: model '${model.name}' already has an inference for sample ${sampleId}; upload with reset to replace it`,
        );
      }
    });
    if (input.reset && values.length > 0) {
      // Replaced inferences make every evaluation of this model's runs out of date.
      db.delete(testRunEvaluations)
        .where(
          sqlTag`${testRunEvaluations.testRunId} IN (SELECT ${testRuns.id} FROM ${testRuns} WHERE ${testRuns.modelId} = ${model.id})`,
        )
        .run();
    }
    return { count: values.length };
  });
}

/** Finds the stored sample a line names, checking it belongs to the workflow. */
export class SampleResolver {
  private readonly byId;
  private readonly writer: SampleWriter;

  constructor(
    db: DB,
    private readonly workflowId: number,
  ) {
    this.byId = db.$client
      .prepare<[number], number>("SELECT workflow_id FROM test_samples WHERE id = ?")
      .pluck();
    this.writer = new SampleWriter(db, workflowId);
  }

  resolve(
    line: { sampleId?: number | undefined; testSample?: Record<string, unknown> | undefined },
    root: string,
    parse: (sample: unknown) => Record<string, unknown>,
  ): number {
    if ((line.sampleId === undefined) === (line.testSample === undefined)) {
      throw incorrectUsage(`${root}: name the sample by exactly one of sampleId or testSample`);
    }
    if (line.sampleId !== undefined) {
      if (this.byId.get(line.sampleId) !== this.workflowId) {
        throw incorrectUsage(`${root}: sample ${line.sampleId} is not a sample of this workflow`);
      }
      return line.sampleId;
    }
    const id = this.writer.lookup(parse(line.testSample));
    if (id === undefined) throw incorrectUsage(`${root}: this test sample is not in any test case`);
    return id;
  }
}

export const ModelInferencesInput = z.object({
  modelId: z.int(),
  /** The test case version. */
  testCaseId: z.int(),
  cursor: z.string().nullish(),
  limit: z.int().min(1).max(50_000).default(1000),
});

/**
 * The samples of a test case version that have an inference from the model, in membership order: lines
 * `{"groundTruth","id","inference","metadata","testSample"}`. Readers of a whole test case use the stream.
 */
export function modelInferences(db: DB, raw: z.input<typeof ModelInferencesInput>): LinesPage {
  const input = ModelInferencesInput.parse(raw);
  modelRow(db, input.modelId);
  const record = getTestCaseVersion(db, input.testCaseId);
  const lines = new TextLines();
  const page = readInferenceLines(db, input.modelId, record, lines, {
    after: numericCursor(input.cursor, -1),
    limit: input.limit,
    withPosition: false,
  });
  return {
    lines: lines.text,
    count: page.count,
    nextCursor: page.more ? encodeCursor([page.last]) : null,
  };
}

export const StreamInferencesInput = z.object({
  modelId: z.int(),
  /** The test case version. */
  testCaseId: z.int(),
  /** Only samples at membership positions after this one: a client resuming a broken stream passes the last. */
  after: z.int().default(-1),
});

/**
 * What `model.inferences` pages hold, as one stream of NDJSON chunks, each line also giving its membership
 * `position` (to resume from). Each chunk is read whole before it is yielded: better-sqlite3 allows no other
 * statement on the connection while an iterator is open, and the server serves other requests between chunks.
 * The model and the version are checked before the first chunk, so a bad request fails before anything is sent.
 */
export function streamModelInferences(
  db: DB,
  raw: z.input<typeof StreamInferencesInput>,
): Iterator<Uint8Array> {
  const input = StreamInferencesInput.parse(raw);
  modelRow(db, input.modelId);
  const record = getTestCaseVersion(db, input.testCaseId);
  let after = input.after;
  let done = false;
  return {
    next() {
      if (done) return { done: true, value: undefined };
      const lines = new ByteLines();
      const page = readInferenceLines(db, input.modelId, record, lines, {
        after,
        limit: STREAM_CHUNK_ROWS,
        withPosition: true,
        budgetMs: STREAM_CHUNK_MS,
      });
      done = !page.more;
      after = page.last;
      return page.count === 0
        ? { done: true, value: undefined }
        : { done: false, value: lines.bytes() };
    },
  };
}

/**
 * Rows per chunk of `streamModelInferences` (about 1-2 MB), and the most of the server's thread a chunk may take:
 * on a busy machine a chunk ends early, so that other requests are answered between chunks.
 */
const STREAM_CHUNK_ROWS = 5000;
const STREAM_CHUNK_MS = 20;

/**
 * Up to `limit` lines `{"groundTruth","id","inference","metadata"[,"position"],"testSample"}` after a position,
 * assembled from the stored canonical text. Rows are read as arrays and written straight into the text (a 1M-sample
 * iteration made 6M short-lived strings and objects through the query builder, and the server spent a third of its
 * time collecting them).
 */
function readInferenceLines(
  db: DB,
  modelId: number,
  record: { testCaseId: number; version: number },
  sink: LineSink,
  options: { after: number; limit: number; withPosition: boolean; budgetMs?: number },
): { count: number; last: number; more: boolean } {
  const deadline = options.budgetMs === undefined ? Infinity : performance.now() + options.budgetMs;
  const rows = db.$client
    .prepare<unknown[], [number, number, string, string, string, string]>(VISIBLE_INFERENCES)
    .raw()
    .iterate(
      modelId,
      record.testCaseId,
      options.after,
      record.version,
      record.version,
      options.limit + 1,
    );
  let count = 0;
  let last = options.after;
  let more = false;
  for (const [position, id, sample, metadata, groundTruth, inference] of rows) {
    // The clock is read every 256 rows: reading it costs more than a row.
    if (
      count === options.limit ||
      sink.size > PAGE_CHARS ||
      ((count & 255) === 255 && performance.now() > deadline)
    ) {
      more = true;
      break;
    }
    const at = options.withPosition ? `,"position":${position}` : "";
    sink.push(
      `{"groundTruth":${groundTruth},"id":${id},"inference":${inference},"metadata":${metadata}${at},"testSample":${sample}}`,
    );
    count++;
    last = position;
  }
  return { count, last, more };
}

const VISIBLE_INFERENCES = `
  SELECT m.position, s.id, s.sample_json, s.metadata_json, m.ground_truth_json, i.inference_json
  FROM test_case_members m
  JOIN test_samples s ON s.id = m.sample_id
  JOIN inferences i ON i.model_id = ? AND i.sample_id = m.sample_id
  WHERE m.test_case_id = ? AND m.position > ?
    AND m.added_version <= ? AND (m.removed_version IS NULL OR m.removed_version > ?)
  ORDER BY m.position LIMIT ?`;

export const SampleInferencesInput = z.object({
  modelIds: z.array(z.int()).min(1).max(50),
  sampleIds: z.array(z.int()).min(1).max(10_000),
});

/** The inferences of some models for some samples (a gallery page): lines `{"inference","modelId","sampleId"}`. */
export function inferencesForSamples(
  db: DB,
  raw: z.input<typeof SampleInferencesInput>,
): LinesPage {
  const input = SampleInferencesInput.parse(raw);
  const rows = db.all<{ model_id: number; sample_id: number; inference_json: string }>(sqlTag`
    SELECT model_id, sample_id, inference_json FROM inferences
    WHERE model_id IN ${input.modelIds} AND sample_id IN ${input.sampleIds}
    ORDER BY sample_id, model_id`);
  return {
    lines: rows
      .map((row) =>
        objectFromJson([
          ["inference", row.inference_json],
          ["modelId", row.model_id],
          ["sampleId", row.sample_id],
        ]),
      )
      .join("\n"),
    count: rows.length,
    nextCursor: null,
  };
}
