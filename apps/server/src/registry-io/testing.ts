/** Shared by the registry-io tests: a registry built through the real API over a store file, and the CLI. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PassThrough, Readable } from "node:stream";

import type { Context } from "@assay/api";
import { appRouter, createCallerFactory, createToken } from "@assay/api";
import type { ApiCaller } from "@assay/api/testing";
import {
  adds,
  dummyGroundTruth,
  dummySample,
  readAll,
  registerDummy,
  removes,
} from "@assay/api/testing";
import type { DB } from "@assay/db";
import { closeDatabase, openDatabase } from "@assay/db";
import { encodeLines } from "@assay/workflow/wire";
import { afterAll, afterEach } from "vitest";

import { runServerCli } from "../cli";
import { registryTables } from "./store";

let tokens = 0;

/**
 * A scratch folder for this test file (removed after it) and stores opened in it (closed after each test):
 * `path(name)` is a fresh file name there, `open` opens a store and tracks it, `closeAll` closes them now.
 */
export function useScratchStores(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const opened: DB[] = [];
  const closeAll = () => opened.splice(0).forEach(closeDatabase);
  afterEach(closeAll);
  let files = 0;
  return {
    closeAll,
    path: (name: string) => join(dir, `${++files}-${name}`),
    open: (file: string, options?: Parameters<typeof openDatabase>[1]) => {
      const db = openDatabase(file, options);
      opened.push(db);
      return db;
    },
  };
}

export const WORKFLOW = "Dummy Workflow 🤖";
const createCaller = createCallerFactory(appRouter);

/** An admin caller over a store, as `setupApi` makes one over an in-memory store. */
export function callerOver(db: DB): ApiCaller {
  const { info } = createToken(db, { name: `admin ${++tokens}`, scope: "admin" });
  const context: Context = {
    db,
    caller: { tokenId: info.id, tokenName: info.name, scope: "admin", via: "token" },
    secure: false,
    cookies: { set: () => undefined, clear: () => undefined },
  };
  return createCaller(context);
}

const sample = (i: number) => dummySample(i, "ünïcødé/日本語/🙂");
const pairs = (indices: number[]) => indices.map((i) => [sample(i), dummyGroundTruth(i)] as const);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const config = { displayName: "config «α»", configuration: { threshold: 0.5 } };

/** A registry with something in every table the API writes: versions, suites, runs, inferences and metrics. */
export async function buildRegistry(db: DB) {
  const api = callerOver(db);
  const reader = createToken(db, { name: "reader ✓", scope: "read" }).token;
  await registerDummy(api);
  const [a] = await api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name: "A — ünïcødé", create: true, description: "first 📦" }],
    lines: adds(pairs(range(0, 6))),
  });
  await api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name: "A — ünïcødé", baseVersion: 1 }],
    lines: adds(pairs(range(6, 10))),
  });
  const [a3] = await api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name: "A — ünïcødé", baseVersion: 2, description: "without 0 and 1" }],
    lines: removes([sample(0), sample(1)]),
  });
  const [b] = await api.testCase.edit({
    workflow: WORKFLOW,
    entries: [{ name: "B", create: true }],
    lines: adds(pairs(range(5, 12))),
  });
  const suite = await api.testSuite.create({
    name: "suite ∑",
    workflow: WORKFLOW,
    tags: ["nightly", "标签"],
  });
  const edited = await api.testSuite.edit({
    testSuiteId: suite.testSuiteId,
    baseVersion: 0,
    testCaseIds: [a3!.id, b!.id],
  });
  const runs = [];
  for (const [k, name] of ["modèle-α", "model β"].entries()) {
    const model = await api.model.create({
      name,
      workflow: WORKFLOW,
      metadata: { lr: 0.001, note: "naïve 🧪", k },
      tags: ["candidate"],
    });
    const run = await api.testRun.createOrRetrieve({
      modelId: model.id,
      testSuiteId: edited.id,
      evaluator: "DummyEvaluator",
      configurations: [config],
    });
    const left = (await readAll((cursor) =>
      api.testRun.remaining({ testRunId: run.id, cursor, limit: 3 }),
    )) as { id: number }[];
    const scores = [NaN, Infinity, -Infinity, 0.1 + 0.2, 1e300];
    await api.testRun.uploadInferences({
      testRunId: run.id,
      lines: encodeLines(
        left.map((s, i) => ({ sampleId: s.id, inference: { score: scores[i % 5]! + k } })),
      ),
    });
    await api.testRun.uploadSampleMetrics({
      testRunId: run.id,
      configuration: config.displayName,
      testCaseId: a3!.id,
      lines: encodeLines(
        left.slice(0, 8).map((s, i) => ({ sampleId: s.id, metrics: { correct: i % 2 === 0 } })),
      ),
    });
    await api.testRun.uploadTestCaseResults({
      testRunId: run.id,
      items: [
        {
          testCaseId: a3!.id,
          configuration: config.displayName,
          metrics: { accuracy: 0.75, loss: -Infinity },
          plots: [
            {
              title: "PR ⤴",
              xLabel: "x",
              yLabel: "y",
              curves: [{ x: [0, 1], y: [1, NaN] }],
              dataType: "PLOT/CURVE",
            },
          ],
        },
        { testCaseId: b!.id, configuration: config.displayName, metrics: { accuracy: NaN } },
      ],
    });
    await api.testRun.uploadTestSuiteMetrics({
      testRunId: run.id,
      items: [{ configuration: config.displayName, metrics: { mean: 0.5 } }],
    });
    await api.testRun.status({
      testRunId: run.id,
      progress: 0.375,
      evaluated: [config.displayName],
    });
    runs.push(run);
  }
  await api.testRun.status({ testRunId: runs[1]!.id, status: "completed" });
  // No procedure stores a non-finite REAL (progress is checked to be 0–1, so testRun.get would refuse to return
  // it), but the format must carry one: a run that no procedure below reads gets one.
  const odd = await api.testRun.createOrRetrieve({
    modelId: runs[0]!.modelId,
    testSuiteId: edited.id,
    evaluator: "OtherEvaluator",
    configurations: [config],
  });
  db.$client.prepare("UPDATE test_runs SET progress = ? WHERE id = ?").run(Infinity, odd.id);
  return { api, reader, testCases: [a!, a3!, b!], suite: edited, runs };
}

/** What a client sees of the registry: enough procedures to tell a faithful copy from a lossy one. */
export async function observe(api: ApiCaller, ids: Registry) {
  const [a1, a3, b] = ids.testCases;
  return {
    workflows: await api.workflow.list(),
    models: await api.model.list({}),
    testCases: await api.testCase.list({}),
    versions: await api.testCase.versions({ testCaseId: a3!.testCaseId }),
    samples: await Promise.all(
      [a1!, a3!, b!].map((tc) =>
        readAll((cursor) => api.testCase.samples({ testCaseId: tc.id, cursor })),
      ),
    ),
    suite: await api.testSuite.get({ id: ids.suite.id }),
    runs: await Promise.all(ids.runs.map((run) => api.testRun.get({ id: run.id }))),
    results: await Promise.all(ids.runs.map((run) => api.testRun.results({ testRunId: run.id }))),
    inferences: await readAll((cursor) =>
      api.model.inferences({ modelId: ids.runs[0]!.modelId, testCaseId: a3!.id, cursor }),
    ),
  };
}

export async function cli(args: string[], io: { stdout?: PassThrough; stdin?: Readable } = {}) {
  let out = "";
  let err = "";
  const code = await runServerCli(args, { out: (t) => (out += t), err: (t) => (err += t), ...io });
  return { code, out, err };
}

export type Registry = Awaited<ReturnType<typeof buildRegistry>>;

/** Rows per table of a store (every table an export holds). */
export function rowCounts(file: string): Record<string, number> {
  const db = openDatabase(file, { readonly: true });
  try {
    return Object.fromEntries(
      registryTables(db.$client).map((t) => [
        t.name,
        db.$client.prepare(`SELECT count(*) FROM "${t.name}"`).pluck().get() as number,
      ]),
    );
  } finally {
    closeDatabase(db);
  }
}

export const isEmpty = (file: string) => Object.values(rowCounts(file)).every((n) => n === 0);
