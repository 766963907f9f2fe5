/**
 * Concurrency: 20 writers edit one test case at once, all from the same loaded version, while 4 readers keep
 * reading its latest version. Versions must stay linear, each edit lands whole in a version of its own or is
 * refused with ConflictError, and no reader may see a partial or uncommitted version. The losers then reload
 * and redo their edits until all 20 are in. The test prints its counts.
 */
import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { ConflictError } from "@assay/sdk";
import { useServerWithStore } from "../crash";
import { dummy, dummyGroundTruths, dummySamples } from "../dummy";
import { uniquePrefix } from "../sdk-server";

const { TestCase } = dummy;
type Sample = z.input<(typeof dummy.workflow)["testSample"]>;
type Truth = z.output<(typeof dummy.workflow)["groundTruth"]>;
type Pair = readonly [Sample, Truth];

const WRITERS = 20;
const READERS = 4;
const BASE = 1_000;
const PER_WRITER = 500;
const MAX_ROUNDS = 30;

const env = useServerWithStore();

const log = (message: string) => console.log(`[concurrency] ${message}`);
const pairs = <A, B>(a: A[], b: B[]) => a.map((x, i) => [x, b[i] as B] as const);
/** Order-sensitive fingerprint of a version's samples (locator and label of each, in membership order). */
const digest = (rows: readonly (readonly [{ locator: string }, { label: string }])[]) =>
  createHash("sha256")
    .update(rows.map(([sample, truth]) => `${sample.locator}|${truth.label}`).join("\n"))
    .digest("hex");

interface Read {
  reader: number;
  version: number;
  sampleCount: number;
  count: number;
  digest: string;
}

describe("concurrent edits of one test case", () => {
  it("20 writers from one version: linear versions, whole edits or ConflictError, readers see only committed versions", async () => {
    const prefix = uniquePrefix();
    const name = `${prefix} contended`;
    const base: Pair[] = pairs(dummySamples(prefix, BASE), dummyGroundTruths(BASE));
    const shared = base[0] as Pair;
    /** Writer w adds its own samples, removes the shared sample and one base sample of its own. */
    const writers = Array.from({ length: WRITERS }, (_, w) => ({
      adds: pairs(
        dummySamples(`${prefix}-w${w}`, PER_WRITER),
        dummyGroundTruths(PER_WRITER).map((truth) => ({ ...truth, label: `w${w} ${truth.label}` })),
      ),
      removes: [shared[0], (base[w + 1] as Pair)[0]],
    }));
    const v1 = await TestCase.create(name, { testSamples: base });
    expect([v1.version, v1.sampleCount]).toEqual([1, BASE]);

    // Readers: the latest version and all its samples, again and again, until the writers are done.
    let writing = true;
    const reads: Read[] = [];
    const readerLoops = Array.from({ length: READERS }, async (_, reader) => {
      while (writing) {
        const latest = await TestCase.load(name);
        const rows = await latest.loadTestSamples();
        reads.push({
          reader,
          version: latest.version,
          sampleCount: latest.sampleCount,
          count: rows.length,
          digest: digest(rows),
        });
      }
    });

    // Every writer loads version 1 before any of them edits.
    const loaded = await Promise.all(writers.map(() => TestCase.load(name)));
    expect(loaded.map((handle) => handle.version)).toEqual(Array(WRITERS).fill(1));

    const committedBy = new Map<number, number>(); // version -> writer
    const conflictKinds = { staleVersion: 0, editInProgress: 0 };
    const rounds: { round: number; successes: number; conflicts: number }[] = [];
    let pending = writers.map((_, w) => w);
    for (let round = 1; pending.length > 0; round++) {
      expect(round, "the writers keep conflicting").toBeLessThanOrEqual(MAX_ROUNDS);
      const outcomes = await Promise.all(
        pending.map(async (w) => {
          const writer = writers[w] as (typeof writers)[number];
          // Round 1 edits the version loaded above; later rounds reload and redo the edit.
          const handle =
            round === 1 ? (loaded[w] as (typeof loaded)[number]) : await TestCase.load(name);
          try {
            const edited = await handle.edit((editor) => {
              for (const sample of writer.removes) editor.remove(sample);
              for (const [sample, truth] of writer.adds) editor.add(sample, truth);
            });
            expect(edited.version, `writer ${w}'s edit made a new version`).toBe(
              handle.version + 1,
            );
            return { w, version: edited.version };
          } catch (error) {
            if (error instanceof ConflictError) {
              conflictKinds[
                error.message.includes("being edited") ? "editInProgress" : "staleVersion"
              ]++;
              return { w, version: null };
            }
            throw error;
          }
        }),
      );
      for (const { w, version } of outcomes) {
        if (version === null) continue;
        expect(committedBy.has(version), `version ${version} was made twice`).toBe(false);
        committedBy.set(version, w);
      }
      const successes = outcomes.filter((outcome) => outcome.version !== null).length;
      rounds.push({ round, successes, conflicts: outcomes.length - successes });
      // Everyone started from version 1 in round 1: exactly one could win.
      if (round === 1) expect(successes).toBe(1);
      expect(successes, `round ${round}: nobody won`).toBeGreaterThanOrEqual(1);
      pending = outcomes.filter((outcome) => outcome.version === null).map((outcome) => outcome.w);
    }
    writing = false;
    await Promise.all(readerLoops);

    // Versions are linear: 1..21, one per writer, no gaps.
    const versions = [...committedBy.keys()].sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 2));
    expect(new Set(committedBy.values()).size).toBe(WRITERS);
    const stored = env.store.rows<{ version: number; sampleCount: number }>(
      `SELECT v.version, v.sample_count AS sampleCount FROM test_case_versions v
       JOIN test_cases t ON t.id = v.test_case_id WHERE t.name = ? ORDER BY v.version`,
      name,
    );
    expect(stored.map((row) => row.version)).toEqual(
      Array.from({ length: WRITERS + 2 }, (_, i) => i),
    );

    // What each version must hold: the one before it with exactly its writer's changes.
    const expected = new Map<number, Pair[]>([[1, base]]);
    for (const version of versions) {
      const writer = writers[committedBy.get(version) as number] as (typeof writers)[number];
      const gone = new Set(writer.removes.map((sample) => sample.locator));
      expected.set(version, [
        ...(expected.get(version - 1) as Pair[]).filter(([sample]) => !gone.has(sample.locator)),
        ...writer.adds,
      ]);
    }
    const expectedDigest = new Map([...expected].map(([v, rows]) => [v, digest(rows)]));
    for (const [version, rows] of expected) {
      const handle = await TestCase.load(name, { version });
      const got = await handle.loadTestSamples();
      expect(
        { version, sampleCount: handle.sampleCount, count: got.length, digest: digest(got) },
        `version ${version} (writer ${committedBy.get(version) ?? "create"})`,
      ).toEqual({
        version,
        sampleCount: rows.length,
        count: rows.length,
        digest: expectedDigest.get(version),
      });
      expect(stored[version]?.sampleCount).toBe(rows.length);
    }

    // Every read saw a whole committed version.
    const bad = reads.filter(
      (read) =>
        read.count !== read.sampleCount ||
        read.count !== expected.get(read.version)?.length ||
        read.digest !== expectedDigest.get(read.version),
    );
    const versionsRead = new Set(reads.map((read) => read.version));
    expect(bad).toEqual([]);

    // All 20 edits are in: the final version is the union of every writer's samples, without the removed ones.
    const final = await (await TestCase.load(name)).loadTestSamples();
    const removed = new Set(writers.flatMap((writer) => writer.removes.map((s) => s.locator)));
    const union = [
      ...base.filter(([sample]) => !removed.has(sample.locator)),
      ...writers.flatMap((writer) => writer.adds),
    ];
    expect(new Set(final.map(([sample]) => sample.locator))).toEqual(
      new Set(union.map(([sample]) => sample.locator)),
    );
    expect(final.length).toBe(union.length);
    const leftovers = env.store.leftovers(name);
    const integrity = env.store.integrity();
    expect(leftovers).toEqual({ openEdits: 0, touchedRows: 0, uncommittedMembers: 0 });
    expect(integrity).toEqual({ integrity: "ok", foreignKeyViolations: 0 });

    log(
      `${WRITERS} writers, ${READERS} readers on '${name}': ` +
        rounds
          .map((r) => `round ${r.round}: ${r.successes} succeeded, ${r.conflicts} ConflictError`)
          .join("; ") +
        ` (ConflictErrors: ${conflictKinds.staleVersion} stale version, ${conflictKinds.editInProgress} edit in progress)`,
    );
    log(
      `versions 1..${WRITERS + 1} linear (${stored.length} version rows incl. v0), each exactly its writer's edit; ` +
        `commit order by writer: ${versions.map((v) => committedBy.get(v)).join(",")}`,
    );
    log(
      `reads checked: ${reads.length} (${bad.length} bad) over ${versionsRead.size} distinct versions ` +
        `(${[...versionsRead].sort((a, b) => a - b).join(",")}), each sample count = the version's recorded count`,
    );
    log(
      `final version ${WRITERS + 1}: ${final.length} samples = ${BASE} - ${removed.size} removed + ` +
        `${WRITERS} x ${PER_WRITER} added (expected ${union.length}); store: ${JSON.stringify(leftovers)}, ` +
        `integrity_check ${integrity.integrity}`,
    );
  }, 120_000);
});
