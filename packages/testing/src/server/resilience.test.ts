/**
 * The server process under the failures it must survive, as users run it (the built `assay-server` bin): killed
 * in the middle of a background evaluation, stopped with SIGTERM in the middle of an upload, and out of disk.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { initialize, loadResults, RemoteError, test } from "@assay/sdk";
import { afterEach, describe, expect, it } from "vitest";

import { crashAndRestart, settle, StoreReader, waitFor } from "../crash";
import {
  classificationSpec as spec,
  fourInFive as infer,
  imageClassification,
  labeledImages as pairs,
} from "../image-classification";
import { uniquePrefix } from "../sdk-server";
import type { ServerProcess } from "../server-process";
import { spawnServer } from "../server-process";

const images = imageClassification("Resilience classification");

const log = (message: string) => console.log(`[resilience] ${message}`);

let servers: ServerProcess[] = [];
afterEach(async () => {
  for (const server of servers) await server.stop();
  servers = [];
});

async function serve(args: string[] = [], dir?: string): Promise<ServerProcess> {
  const server = await spawnServer(args, dir ? { dir } : {});
  servers.push(server);
  initialize({ url: server.url, token: server.token });
  return server;
}

describe("SIGKILL during an evaluation job", () => {
  it("the restarted server takes the job up again once its lease runs out, and its results are a clean run's", async () => {
    const N = 200_000;
    const first = await serve(["--job-lease-seconds", "2"]);
    const prefix = uniquePrefix();
    const testCase = await images.TestCase.create(`${prefix} tc`, {
      testSamples: pairs(prefix, N),
    });
    const suite = await images.TestSuite.create(`${prefix} suite`, { testCases: [testCase] });
    const clean = await images.Model.create(`${prefix} clean`, { infer });
    const crashed = await images.Model.create(`${prefix} crashed`, { infer });
    await test(clean, suite, spec, { progress: false });

    const store = new StoreReader(first.dir);
    const job = () => store.latestJob(crashed.name);
    const running = settle(test(crashed, suite, spec, { progress: false }));
    const seen = await waitFor(job, (row) => row?.status === "running" && row.progress > 0, {
      intervalMs: 2,
      timeoutMs: 120_000,
      what: "the evaluation job under way",
    });
    log(`job ${seen?.id} running at ${((seen?.progress ?? 0) * 100).toFixed(0)} %: SIGKILL`);
    const { server: second, downMs } = await crashAndRestart(first);
    servers = [second];
    log(`restarted after ${downMs} ms; the job's lease (2 s) runs out, then it is taken up again`);

    const outcome = await running;
    if (!outcome.ok) log(`test() failed: ${String(outcome.error)}\n${second.output}`);
    expect(outcome.ok).toBe(true);
    const after = job();
    log(`job ${after?.id}: ${after?.status} after ${after?.attempts} attempts`);
    expect(after).toMatchObject({ id: seen?.id, status: "done", attempts: 2 });
    const [want, got] = await Promise.all([
      loadResults(clean, suite, { evaluator: spec }),
      loadResults(crashed, suite, { evaluator: spec }),
    ]);
    expect(got.testCases.map((item) => item.metrics)).toEqual(
      want.testCases.map((item) => item.metrics),
    );
    store.db.$client.close();
  }, 240_000);
});

describe("SIGTERM during an upload", () => {
  it("exits 0 after the requests in flight, with the store checkpointed and its last version whole", async () => {
    const V1 = 20_000;
    const server = await serve(["--shutdown-seconds", "10"]);
    const prefix = uniquePrefix();
    const v1 = await images.TestCase.create(`${prefix} tc`, { testSamples: pairs(prefix, V1) });
    const store = new StoreReader(server.dir);
    const pending = () =>
      store.value(
        "SELECT count(*) FROM test_case_members WHERE test_case_id = ? AND added_version = 2",
        v1.testCaseId,
      );
    const editing = settle(
      v1.edit((editor) => {
        for (const [sample, truth] of pairs(prefix, 200_000, V1)) editor.add(sample, truth);
      }),
    );
    await waitFor(pending, (n) => n >= 20_000, { intervalMs: 5, what: "two stored batches" });
    store.db.$client.close();
    const started = Date.now();
    await server.kill("SIGTERM");
    log(`SIGTERM: exited ${JSON.stringify(server.exit)} after ${Date.now() - started} ms`);
    expect(server.exit).toEqual({ code: 0, signal: null });
    // Within the grace: requests in flight finish, and the uploader's connection is not kept open for more.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(server.output).toMatch(/"msg":"stopped"/);
    // Checkpointed: everything is in the database file, and the write-ahead log is empty.
    const wal = join(server.dir, "assay.db-wal");
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);

    const after = new StoreReader(server.dir);
    expect(after.integrity()).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
    expect(after.value("SELECT latest_version FROM test_cases WHERE id = ?", v1.testCaseId)).toBe(
      1,
    );
    expect(
      after.value(
        "SELECT count(*) FROM test_case_members WHERE test_case_id = ? AND added_version = 1",
        v1.testCaseId,
      ),
    ).toBe(V1);
    after.db.$client.close();

    // Started again, the server aborts the edit nobody can finish: the client is told, the store is version 1.
    const again = await spawnServer([], {
      dir: server.dir,
      port: server.port,
      token: server.token,
    });
    servers = [again];
    const outcome = await editing;
    log(`the interrupted edit: ${outcome.ok ? "finished" : String(outcome.error)}`);
    expect(outcome.ok).toBe(false);
    const loaded = await (await images.TestCase.load(v1.name)).loadTestSamples();
    expect(loaded).toHaveLength(V1);
    expect(loaded.map(([sample]) => sample.locator)).toEqual(
      pairs(prefix, V1).map(([sample]) => sample.locator),
    );
  }, 120_000);
});

/** Whether this process may mount a tmpfs (root, as CI runs): the disk-full test needs a small disk of its own. */
function canMount(): boolean {
  return process.getuid?.() === 0 && existsSync("/usr/bin/mount");
}

describe.skipIf(!canMount())("a full disk (a 16 MiB tmpfs)", () => {
  it("answers 507 STORE_FULL, leaves the store as it was, and takes writes again once there is room", async () => {
    const disk = mkdtempSync(join(tmpdir(), "assay-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", disk]);
    try {
      // The store in a folder of the mount, which the server's stop() may remove (the mount point itself is busy).
      mkdirSync(join(disk, "store"));
      const server = await serve([], join(disk, "store"));
      const prefix = uniquePrefix();
      const v1 = await images.TestCase.create(`${prefix} tc`, { testSamples: pairs(prefix, 1000) });
      // Everything but 256 KiB taken by another file.
      const free = () => {
        const stats = statfsSync(disk);
        return stats.bavail * stats.bsize;
      };
      const filler = join(disk, "filler");
      writeFileSync(filler, Buffer.alloc(free() - 256 * 1024));
      log(`disk: ${(free() / 1024).toFixed(0)} KiB free`);
      const store = new StoreReader(server.dir);
      const count = () => store.value("SELECT count(*) FROM test_case_members");

      const before = count();
      const attempt = await images.TestCase.create(`${prefix} too big`, {
        testSamples: pairs(`${prefix}-big`, 9000),
      }).catch((error: unknown) => error);
      log(`an edit too big for the disk: ${String(attempt)}`);
      expect(attempt).toBeInstanceOf(RemoteError);
      expect((attempt as RemoteError).status).toBe(507);
      expect(String(attempt)).toMatch(/disk is full/);
      expect(count()).toBe(before);
      expect(store.integrity()).toEqual({ integrity: "ok", foreignKeyViolations: 0 });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await images.TestCase.load(v1.name)).version).toBe(1);

      rmSync(filler);
      const made = await images.TestCase.create(`${prefix} too big`, {
        testSamples: pairs(`${prefix}-big`, 9000),
      });
      expect([made.version, made.sampleCount]).toEqual([1, 9000]);
      store.db.$client.close();
      await server.stop();
      servers = [];
    } finally {
      execFileSync("umount", [disk]);
      rmSync(disk, { recursive: true, force: true });
    }
  }, 120_000);
});
