import { join } from "node:path";

import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import { getClient, initialize, test } from "@assay/sdk";
import { spawnServer } from "@assay/testing";

import { runRaw } from "./child";
import { CLASSES, classification, labelOf, samplePairs } from "./dataset";
import type { BenchLine } from "./harness";
import { line, medianSeconds, peakRssMb, timed } from "./harness";

const RSS_LIMIT_MB = 300;

/**
 * The SDK's hot paths over a real server process, on one `n`-sample test case (1M at full size):
 * - ingest through the SDK, against inserting the same rows with better-sqlite3 in one transaction;
 * - test() with a lookup infer and the server-run classification evaluator, and again with nothing to infer;
 * - iterating the model's inferences, against reading and parsing the same rows with better-sqlite3;
 * - a filtered page of the test case's samples, against its unfiltered first page.
 */
export async function benchSdk(n: number): Promise<BenchLine[]> {
  const server = await spawnServer();
  initialize({ url: server.url, token: server.token });
  try {
    const { TestCase, TestSuite, Model } = classification;
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
    const first = await timed(() => test(model, suite, evaluator, { progress: false }));
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

    return [
      ...ingestLines,
      line({
        name: "test() over a new test case (lookup infer, classification evaluator)",
        n,
        seconds: first.seconds,
        baselineSeconds: ingest.seconds,
        baseline: `ingest of the same ${n} samples through the SDK`,
        target: 3,
        peakRssMb: peakRssMb(),
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
        target: 2,
        peakRssMb: peakRssMb(),
      }),
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
