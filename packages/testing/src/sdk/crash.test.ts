/**
 * Crash safety: the real server in its own process is killed with SIGKILL in the middle of a large upload and
 * started again at once over the same store, on the same port. A restarted server aborts the edits left open
 * (nobody else could finish them, and they would hold their test cases and staged rows), so an edit in flight
 * fails with a clear error and running it again gives exactly what was asked; a metrics upload, idempotent, is
 * re-run. The store must hold no lost, duplicated or half-committed rows. Each test prints its counts.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";

import type { MetricsRecord } from "@assay/sdk";
import { Evaluator, iterTestSampleMetrics, loadResults, test } from "@assay/sdk";
import { settle, useServerWithStore, waitFor } from "../crash";
import { dummy, dummyGroundTruths, dummySamples } from "../dummy";
import { uniquePrefix } from "../sdk-server";

const { Model, TestCase, TestSuite } = dummy;
type W = typeof dummy.workflow;
type Sample = z.output<W["testSample"]>;
type Truth = z.output<W["groundTruth"]>;

/** Edit batches hold this many lines (EditSession's LineBatcher), each applied in one transaction. */
const BATCH = 10_000;

const env = useServerWithStore();

const log = (test: string, message: string) => console.log(`[crash ${test}] ${message}`);
const pairs = <A, B>(a: A[], b: B[]) => a.map((x, i) => [x, b[i] as B] as const);

/** Kills the server, restarts it on the same store and port, and logs how long it was down. */
async function crash(test: string): Promise<void> {
  const downMs = await env.crash();
  log(test, `SIGKILL + restart on port ${env.server.port}: down for ${downMs} ms`);
}

/** Settles a promise without throwing, so a failure can be examined after the restart. */

/** Checks that `loaded` is exactly `expected`, in order (locators and ground truths); every 997th in full. */
function expectSamples(
  loaded: (readonly [Sample, Truth])[],
  expected: (readonly [unknown, Truth])[],
): void {
  expect(loaded.length).toBe(expected.length);
  const mismatches: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const [sample, truth] = loaded[i] as readonly [Sample, Truth];
    const [wantSample, wantTruth] = expected[i] as readonly [unknown, Truth];
    const want = dummy.workflow.parseTestSample(wantSample);
    if (sample.locator !== want.locator || truth.label !== wantTruth.label) {
      mismatches.push(
        `#${i}: ${sample.locator} ${truth.label} instead of ${want.locator} ${wantTruth.label}`,
      );
      if (mismatches.length >= 5) break;
    }
    if (i % 997 === 0) {
      expect(sample).toEqual(want);
      expect(truth).toEqual(wantTruth);
    }
  }
  expect(mismatches).toEqual([]);
}

function expectCleanStore(test: string, testCaseName: string): void {
  const leftovers = env.store.leftovers(testCaseName);
  const integrity = env.store.integrity();
  log(
    test,
    `store: ${leftovers.openEdits} open edits, ${leftovers.touchedRows} edit-tracking rows, ` +
      `${leftovers.uncommittedMembers} member rows of an uncommitted version; integrity_check ${integrity.integrity}, ` +
      `${integrity.foreignKeyViolations} foreign key violations`,
  );
  expect(leftovers).toEqual({ openEdits: 0, touchedRows: 0, uncommittedMembers: 0 });
  expect(integrity).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
}

describe("SIGKILL and restart", () => {
  it("a: during a 150,000-sample TestCase.create, the restart aborts it cleanly and running it again works", async () => {
    const N = 150_000;
    const prefix = uniquePrefix();
    const name = `${prefix} crash create`;
    const samples = dummySamples(prefix, N);
    const truths = dummyGroundTruths(N);
    // Every member row of the test case, committed or not: each stored batch adds exactly BATCH of them.
    const rows = () =>
      env.store.value(
        "SELECT count(*) FROM test_case_members m JOIN test_cases t ON t.id = m.test_case_id WHERE t.name = ?",
        name,
      );

    const started = Date.now();
    const creating = settle(TestCase.create(name, { testSamples: pairs(samples, truths) }));
    const seen = await waitFor(rows, (n) => n >= 3 * BATCH, {
      intervalMs: 5,
      what: "3 stored batches",
    });
    log("a", `${seen} pending member rows seen after ${Date.now() - started} ms; killing`);
    await crash("a");
    log("a", `after restart: ${rows()} pending member rows survived (the edit was aborted)`);
    expect(rows()).toBe(0);
    expectCleanStore("a", name);
    // Nobody sees the half-made test case, and its name is free again.
    await expect(TestCase.load(name)).rejects.toThrow(/no test case named/);

    const outcome = await creating;
    log("a", `the interrupted TestCase.create: ${outcome.ok ? "finished" : String(outcome.error)}`);
    expect(outcome.ok).toBe(false);
    expect(String((outcome as { error: unknown }).error)).toMatch(
      /restart of the server.*make the edit again/,
    );

    const created = await TestCase.create(name, { testSamples: pairs(samples, truths) });
    log(
      "a",
      `TestCase.create again: version ${created.version}, ${created.sampleCount} samples (expected 1, ${N})`,
    );
    expect([created.version, created.sampleCount]).toEqual([1, N]);
    const latest = await TestCase.load(name);
    const loaded = await latest.loadTestSamples();
    log("a", `${rows()} member rows, ${loaded.length} samples read back (expected ${N})`);
    expect(latest.version).toBe(1);
    expect(rows()).toBe(N);
    expectSamples(loaded, pairs(samples, truths));
    expect(
      env.store.rows(
        "SELECT v.version, v.sample_count AS sampleCount FROM test_case_versions v JOIN test_cases t ON t.id = v.test_case_id WHERE t.name = ? ORDER BY v.version",
        name,
      ),
    ).toEqual([
      { version: 0, sampleCount: 0 },
      { version: 1, sampleCount: N },
    ]);
    expectCleanStore("a", name);
  }, 180_000);

  it("b: during an edit of a 20,000-sample test case, version 1 stays intact and the edit made again is exact", async () => {
    const V1 = 20_000;
    const ADDED = 50_000;
    const prefix = uniquePrefix();
    const name = `${prefix} crash edit`;
    const base = pairs(dummySamples(prefix, V1), dummyGroundTruths(V1));
    const v1 = await TestCase.create(name, { testSamples: base });
    expect([v1.version, v1.sampleCount]).toEqual([1, V1]);
    const removed = base.filter((_, i) => i % 4 === 0);
    const added = pairs(
      dummySamples(`${prefix}-v2`, ADDED),
      dummyGroundTruths(ADDED).map((truth) => ({ ...truth, label: `v2 ${truth.label}` })),
    );
    const expectedV2 = [...base.filter((_, i) => i % 4 !== 0), ...added];
    // Rows the pending version 2 changed: one per applied line (a closed row or a new one).
    const pending = () =>
      env.store.value(
        "SELECT count(*) FROM test_case_members WHERE test_case_id = ? AND (added_version = 2 OR removed_version = 2)",
        v1.testCaseId,
      );
    const edit = () =>
      v1.edit((editor) => {
        for (const [sample] of removed) editor.remove(sample);
        for (const [sample, truth] of added) editor.add(sample, truth);
      });

    const started = Date.now();
    const editing = settle(edit());
    const seen = await waitFor(pending, (n) => n >= 2 * BATCH, {
      intervalMs: 5,
      what: "2 stored batches",
    });
    log("b", `${seen} pending rows of version 2 seen after ${Date.now() - started} ms; killing`);
    await crash("b");
    log(
      "b",
      `after restart: ${pending()} pending rows of version 2 survived (the edit was aborted)`,
    );
    expect(pending()).toBe(0);
    expectCleanStore("b", name);

    // Version 1 is whole, and still the latest.
    const v1During = await TestCase.load(name);
    expect(v1During.version).toBe(1);
    const v1Rows = await v1During.loadTestSamples();
    log("b", `version 1 read after the restart: ${v1Rows.length} samples (expected ${V1})`);
    expectSamples(v1Rows, base);

    const outcome = await editing;
    log("b", `the interrupted edit: ${outcome.ok ? "finished" : String(outcome.error)}`);
    expect(outcome.ok).toBe(false);
    expect(String((outcome as { error: unknown }).error)).toMatch(/restart of the server/);

    // The test case is free at once (not held for the idle timeout): the same edit again.
    const v2 = await edit();
    log(
      "b",
      `edit made again: version ${v2.version}, ${v2.sampleCount} samples ` +
        `(expected 2, ${V1} - ${removed.length} + ${ADDED} = ${expectedV2.length}); ${pending()} rows changed at version 2`,
    );
    expect([v2.version, v2.sampleCount]).toEqual([2, expectedV2.length]);
    expect(pending()).toBe(removed.length + ADDED);
    expectSamples(await (await TestCase.load(name)).loadTestSamples(), expectedV2);
    const v1After = await (await TestCase.load(name, { version: 1 })).loadTestSamples();
    log("b", `version 1 has ${v1After.length} samples, version 2 has ${expectedV2.length}`);
    expectSamples(v1After, base);
    expectCleanStore("b", name);
  }, 180_000);

  it("c: during the metrics upload of test(), a re-run gives a clean run's results, without duplicate rows", async () => {
    const N = 50_000;
    const prefix = uniquePrefix();
    const testCase = await TestCase.create(`${prefix} crash metrics`, {
      testSamples: pairs(dummySamples(prefix, N), dummyGroundTruths(N)),
    });
    const suite = await TestSuite.create(`${prefix} crash metrics`, { testCases: [testCase] });
    const infer = (sample: Sample) => ({ score: (sample.value % 97) / 97 });
    const clean = await Model.create(`${prefix} clean`, { infer });
    const crashed = await Model.create(`${prefix} crashed`, { infer });
    const evaluator = new PerSampleEvaluator();
    const metricRows = (model: string) =>
      env.store.value(
        `SELECT count(*) FROM sample_metrics x JOIN test_runs r ON r.id = x.test_run_id
         JOIN models m ON m.id = r.model_id WHERE m.name = ?`,
        model,
      );

    let started = Date.now();
    await test(clean, suite, evaluator, { progress: false });
    log(
      "c",
      `clean run: ${metricRows(clean.name)} sample metrics rows in ${Date.now() - started} ms`,
    );

    started = Date.now();
    const running = settle(test(crashed, suite, evaluator, { progress: false }));
    const seen = await waitFor(
      () => metricRows(crashed.name),
      (n) => n >= BATCH,
      {
        intervalMs: 2,
        timeoutMs: 120_000,
        what: "a stored batch of sample metrics",
      },
    );
    await crash("c");
    const afterRestart = metricRows(crashed.name);
    log(
      "c",
      `killed during the metrics upload after ${seen} of ${N} sample metrics rows; ${afterRestart} after restart`,
    );
    expect(seen).toBeLessThan(N);
    const first = await running;
    log(
      "c",
      first.ok
        ? `the interrupted test() finished through retries (${Date.now() - started} ms)`
        : `the interrupted test() failed: ${String(first.error)}`,
    );
    const rerun = await test(crashed, suite, evaluator, { progress: false });
    log(
      "c",
      `re-run test(): status ${rerun.status}; ${metricRows(crashed.name)} sample metrics rows (expected ${N})`,
    );
    expect(rerun.status).toBe("completed");

    const [want, got] = await Promise.all([
      loadResults(clean, suite, { evaluator }),
      loadResults(crashed, suite, { evaluator }),
    ]);
    const summary = (results: typeof want) => ({
      testSuite: results.testSuite,
      testCases: results.testCases.map((item) => ({
        testCase: item.testCase.id,
        configuration: item.configuration,
        metrics: item.metrics,
        plots: item.plots,
      })),
    });
    expect(summary(got)).toEqual(summary(want));
    const perSample = async (model: typeof clean) => {
      const out = new Map<string, MetricsRecord>();
      for await (const [sample, metrics] of iterTestSampleMetrics(model, suite, { evaluator }))
        out.set(sample.locator, metrics);
      return out;
    };
    const [wantSamples, gotSamples] = await Promise.all([perSample(clean), perSample(crashed)]);
    expect(gotSamples.size).toBe(N);
    expect(gotSamples).toEqual(wantSamples);

    const duplicates = env.store.value(
      `SELECT count(*) FROM (SELECT 1 FROM sample_metrics x JOIN test_runs r ON r.id = x.test_run_id
       JOIN models m ON m.id = r.model_id WHERE m.name = ?
       GROUP BY x.configuration, x.test_case_version_id, x.sample_id HAVING count(*) > 1)`,
      crashed.name,
    );
    const inferences = env.store.value(
      "SELECT count(*) FROM inferences i JOIN models m ON m.id = i.model_id WHERE m.name = ?",
      crashed.name,
    );
    const integrity = env.store.integrity();
    log(
      "c",
      `after re-run: ${gotSamples.size} per-sample metrics equal the clean run's (expected ${N}), ` +
        `${got.testCases.length} test case results equal, ${duplicates} samples with duplicate metrics rows, ` +
        `${inferences} inferences (expected ${N}); integrity_check ${integrity.integrity}`,
    );
    expect(metricRows(crashed.name)).toBe(N);
    expect(duplicates).toBe(0);
    expect(inferences).toBe(N);
    expect(integrity).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
  }, 180_000);
});

/** Per-sample metrics from the inference and ground truth; per test case, their count and mean. */
class PerSampleEvaluator extends Evaluator<Sample, Truth, { score: number }> {
  computeTestSampleMetrics(
    _testCase: unknown,
    inferences: readonly (readonly [Sample, Truth, { score: number }])[],
  ) {
    return inferences.map(
      ([sample, truth, inference]) =>
        [
          sample,
          {
            score: inference.score,
            correct: inference.score >= 0.5 === (truth.value % 2 === 0),
            error: Math.abs(inference.score - (truth.value % 10) / 10),
          },
        ] as const,
    );
  }
  computeTestCaseMetrics(
    _testCase: unknown,
    _inferences: unknown,
    metrics: readonly MetricsRecord[],
  ) {
    const scores = metrics.map((m) => m.score as number);
    return {
      n: metrics.length,
      meanScore: scores.reduce((a, b) => a + b, 0) / Math.max(scores.length, 1),
      correct: metrics.filter((m) => m.correct === true).length,
    };
  }
  override computeTestSuiteMetrics(_suite: unknown, metrics: readonly unknown[]) {
    return { testCases: metrics.length };
  }
}
