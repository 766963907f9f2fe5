import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  initialize,
  ScoredClassificationLabel,
  test,
} from "@assay/sdk";
import { spawnServer } from "@assay/server";

import type { BenchLine } from "./harness";
import { line, peakRssMb, timed } from "./harness";

const CLASSES = ["airplane", "bird", "car", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

/**
 * Issue 4's benchmark over a real server process: ingest a test case of `n` samples through the SDK, then
 * test() a model whose infer is a lookup (the built-in classification evaluator, run by the server), then test()
 * again with nothing left to infer.
 */
export async function benchTestRun(n: number): Promise<BenchLine[]> {
  const server = await spawnServer();
  initialize({ url: server.url, token: server.token });
  try {
    const { TestCase, TestSuite, Model } = defineWorkflow({
      name: "Bench classification",
      testSample: Image,
      groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
      inference: Inference.extend({ prediction: ScoredClassificationLabel }),
    });
    const label = (i: number) => CLASSES[(i * 7919) % CLASSES.length] as string;
    function* samples() {
      for (let i = 0; i < n; i++)
        yield [{ locator: `s3://bench/images/${i}.png` }, { label: { label: label(i) } }] as const;
    }
    const ingest = await timed(() => TestCase.create(`bench ${n}`, { testSamples: samples() }));
    const suite = await TestSuite.create(`bench suite ${n}`, { testCases: [ingest.value] });
    // A lookup model: 80 % of its answers are right.
    const answers = new Map<string, { label: string; score: number }>();
    for (let i = 0; i < n; i++) {
      answers.set(`s3://bench/images/${i}.png`, {
        label: i % 5 === 0 ? label(i + 1) : label(i),
        score: (i % 100) / 100,
      });
    }
    const model = await Model.create(`bench model ${n}`, {
      infer: (sample) => ({
        prediction: answers.get(sample.locator) as { label: string; score: number },
      }),
    });
    const evaluator: BuiltInEvaluatorSpec = {
      name: "classification",
      configurations: [{ displayName: "default" }],
    };
    const first = await timed(() => test(model, suite, evaluator, { progress: false }));
    const again = await timed(() => test(model, suite, evaluator, { progress: false }));
    const serverPeak = peakRssMb(server.pid);
    const sdkPeak = peakRssMb();
    return [
      line({
        name: "test() over a new test case (lookup infer, classification evaluator)",
        n,
        seconds: first.seconds,
        baselineSeconds: ingest.seconds,
        baseline: `ingest of the same ${n} samples through the SDK`,
        target: 3,
        peakRssMb: sdkPeak,
      }),
      line({
        name: "test() again with nothing left to infer",
        n,
        seconds: again.seconds,
        baselineSeconds: first.seconds,
        baseline: "the first test()",
        target: 0.05,
        peakRssMb: serverPeak,
      }),
    ];
  } finally {
    await server.stop();
  }
}
