import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import { getClient, initialize, test } from "@assay/sdk";
import { spawnServer } from "@assay/testing/server-process";

import type { Probed } from "./child";
import { runIngestClients, runRaw, startProbe } from "./child";
import { CLASSES, classification, labelOf, samplePairs } from "./dataset";
import type { BenchLine } from "./harness";
import { line, medianSeconds, peakRssMb, timed } from "./harness";

const RSS_LIMIT_MB = 300;
const LOAD_CLIENTS = 8;
/** How quickly the server must answer its health check under load: a load balancer's patience, with margin. */
const HEALTH_P99_SECONDS = 0.1;
const HEALTH_MAX_SECONDS = 0.25;

/**
 * The SDK's hot paths over a real server process, on one `n`-sample test case (1M at full size):
 * - ingest through the SDK, against inserting the same rows with better-sqlite3 in one transaction;
 * - test() with a lookup infer and the server-run classification evaluator, and again with nothing to infer;
 * - iterating the model's inferences, against reading and parsing the same rows with better-sqlite3;
 * - a filtered page of the test case's samples, against its unfiltered first page;
 * - the server's evaluation job alone, against the same evaluator run in-process over the same rows;
 * - `/healthz` asked every 20 ms by a process of its own while test() runs (the upload of 1M inferences and the
 *   server's evaluation of them) and while 8 clients ingest at once, against the same probe on the idle server;
 * - the server's peak memory over all of it.
 */
export async function benchSdk(n: number): Promise<BenchLine[]> {
  const server = await spawnServer();
  initialize({ url: server.url, token: server.token });
  try {
    const { TestCase, TestSuite, Model } = classification;
    const idleProbe = await startProbe(server.url);
    await sleep(3000);
    const idle = await idleProbe.stop();
    const raw = await runRaw(["insert", n]);
    const ingest = await timed(() =>
      TestCase.create(`bench ${n}`, { testSamples: samplePairs(n) }),
    );
    const ingestLines = [
      line({
        name: "ingest a test case through the SDK (SDK process)",
        n,
        seconds: ingest.seconds,
        baselineSeconds: raw.seconds,
        baseline: "better-sqlite3 inserting the same rows in one transaction",
        target: 2,
        peakRssMb: peakRssMb(),
        maxPeakRssMb: RSS_LIMIT_MB,
      }),
      line({
        name: "ingest a test case through the SDK (server process)",
        n,
        seconds: ingest.seconds,
        baselineSeconds: raw.seconds,
        baseline: "better-sqlite3 inserting the same rows in one transaction",
        target: 2,
        peakRssMb: peakRssMb(server.pid),
        maxPeakRssMb: RSS_LIMIT_MB,
      }),
    ];

    const testCase = ingest.value;
    const suite = await TestSuite.create(`bench suite ${n}`, { testCases: [testCase] });
    // A lookup model: answers by sample index, 80 % of them right.
    const answers = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      answers[i] = CLASSES.indexOf(labelOf(i % 5 === 0 ? i + 1 : i) as never);
    const model = await Model.create(`bench model ${n}`, {
      infer: ({ locator }) => {
        const i = Number(locator.slice(locator.lastIndexOf("/") + 1, -4));
        return {
          prediction: { label: CLASSES[answers[i] as number] as string, score: (i % 100) / 100 },
        };
      },
    });
    const evaluator: BuiltInEvaluatorSpec = {
      name: "classification",
      configurations: [{ displayName: "default" }],
    };
    const testProbe = await startProbe(server.url);
    const first = await timed(() => test(model, suite, evaluator, { progress: false }));
    const duringTest = await testProbe.stop();
    // Peaks as each phase ends (VmHWM only grows): which phase went over is then plain.
    const peakAfterTest = { sdk: peakRssMb(), server: peakRssMb(server.pid) };
    const again = await timed(() => test(model, suite, evaluator, { progress: false }));

    let iterated = 0;
    const iterate = await timed(async () => {
      for await (const triple of model.iterInferences(testCase)) if (triple) iterated++;
    });
    if (iterated !== n) throw new Error(`iterated ${iterated} inferences, not ${n}`);
    const scan = await runRaw([
      "scan",
      join(server.dir, "assay.db"),
      testCase.testCaseId,
      model.id,
    ]);
    if (scan.count !== n) throw new Error(`the raw scan read ${scan.count} rows, not ${n}`);

    const job = await runRaw(["job", join(server.dir, "assay.db")]);
    const inProcess = await runRaw([
      "evaluate",
      join(server.dir, "assay.db"),
      testCase.testCaseId,
      model.id,
    ]);

    const client = getClient();
    const page = (filters: object[]) =>
      client.call((trpc) =>
        trpc.testCase.samples.query({
          testCaseId: testCase.id,
          filters: filters as never,
          limit: 100,
        }),
      );
    await page([]); // warm
    const unfiltered = await medianSeconds(() => page([]));
    // One class in ten, and among those the confident answers: one sample in twenty matches.
    const filtered = await medianSeconds(() =>
      page([
        { target: "groundTruth", path: "label.label", value: "cat" },
        { target: "inference", modelId: model.id, path: "prediction.score", op: "gte", value: 0.5 },
      ]),
    );

    // Last: 8 clients ingesting at once, n new samples between them, while /healthz is asked.
    const loadProbe = await startProbe(server.url);
    const load = await runIngestClients(
      server,
      "bench load",
      LOAD_CLIENTS,
      Math.ceil(n / LOAD_CLIENTS),
      n,
    );
    const duringLoad = await loadProbe.stop();
    const serverPeakAfterLoad = peakRssMb(server.pid);

    return [
      ...ingestLines,
      line({
        name: "test() over a new test case (lookup infer, classification evaluator)",
        n,
        seconds: first.seconds,
        baselineSeconds: ingest.seconds,
        baseline: `ingest of the same ${n} samples through the SDK`,
        target: 3,
        peakRssMb: peakAfterTest.sdk,
      }),
      line({
        name: "test() again with nothing left to infer",
        n,
        seconds: again.seconds,
        baselineSeconds: first.seconds,
        baseline: "the first test()",
        target: 0.05,
        peakRssMb: peakRssMb(server.pid),
      }),
      line({
        name: "iterate a model's inferences on a test case through the SDK",
        n,
        seconds: iterate.seconds,
        baselineSeconds: scan.seconds,
        baseline: "better-sqlite3 reading and parsing the same rows",
        target: 1.5,
        peakRssMb: peakRssMb(),
      }),
      line({
        name: "the server's evaluation job (classification, one configuration)",
        n,
        seconds: job.seconds,
        baselineSeconds: inProcess.seconds,
        baseline:
          "the same evaluator in-process over the same rows read with better-sqlite3, sample metrics serialized but not stored",
        target: 2,
        peakRssMb: peakAfterTest.server,
        maxPeakRssMb: RSS_LIMIT_MB,
      }),
      ...healthLines(
        `while test() uploads ${n} inferences and the server evaluates them`,
        n,
        duringTest,
        idle,
        peakAfterTest.server,
      ),
      line({
        name: `${LOAD_CLIENTS} clients ingesting test cases at once (server process)`,
        n,
        seconds: load.seconds,
        baselineSeconds: ingest.seconds,
        baseline: `one client ingesting ${n} samples into an empty store`,
        target: 2,
        peakRssMb: serverPeakAfterLoad,
        maxPeakRssMb: RSS_LIMIT_MB,
      }),
      ...healthLines(
        `while ${LOAD_CLIENTS} clients ingest ${n} samples at once`,
        n,
        duringLoad,
        idle,
        serverPeakAfterLoad,
      ),
      line({
        name: "a filtered page of 100 samples (ground truth and inference filters)",
        n,
        seconds: filtered,
        baselineSeconds: unfiltered,
        baseline: "the unfiltered first page",
        maxSeconds: 0.1,
        peakRssMb: peakRssMb(server.pid),
      }),
    ];
  } finally {
    await server.stop();
  }
}

/** The p99 and worst `/healthz` latencies of a phase, each against the idle server's p99. */
function healthLines(
  phase: string,
  n: number,
  probed: Probed,
  idle: Probed,
  serverPeakMb: number,
): BenchLine[] {
  const common = {
    n,
    baselineSeconds: Math.max(idle.p99, 0.001),
    baseline: `/healthz p99 on the idle server (${idle.count} probes)`,
    peakRssMb: serverPeakMb,
    maxPeakRssMb: RSS_LIMIT_MB,
  };
  return [
    line({
      ...common,
      name: `/healthz p99 ${phase} (${probed.count} probes)`,
      seconds: probed.p99,
      maxSeconds: HEALTH_P99_SECONDS,
    }),
    line({
      ...common,
      name: `/healthz worst ${phase}`,
      seconds: probed.max,
      maxSeconds: HEALTH_MAX_SECONDS,
    }),
  ];
}
