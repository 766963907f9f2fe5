import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ClassificationLabel,
  defineWorkflow,
  GroundTruth,
  Image,
  Inference,
  getClient,
  initialize,
  ScoredClassificationLabel,
  test,
} from "@assay/sdk";
import { spawnServer } from "@assay/testing";
import { buildWeb, launchChromium, signIn } from "@assay/testing";
import type { Page } from "playwright-core";

import type { BenchLine } from "./harness";
import { line, medianSeconds, peakRssMb } from "./harness";

const CLASSES = ["cat", "dog", "bird", "fish"];
const SAMPLES_PER_CASE = 20;

export interface ResultsPageScale {
  models: number;
  testCases: number;
}

/**
 * Issue 6's benchmark: the results page for `models` × `testCases` (100 × 1,000 at full size) in headless
 * Chromium, against the same page for one model on two test cases. Every model is tested through the SDK with
 * the built-in classification evaluator, so the page holds what users store. "Interactive" is the first metric
 * cell drawn and a keystroke handled after it; the verdicts (the comparison engine's test per cell, here McNemar
 * on accuracy, from values precomputed when the runs were evaluated) are reported on their own line.
 */
export async function benchResultsPage(scale: ResultsPageScale): Promise<BenchLine[]> {
  const webRoot = await buildWeb();
  const server = await spawnServer(["--web-root", webRoot]);
  try {
    initialize({ url: server.url, token: server.token });
    const suites = await seedResultsPage(scale);
    const matrix = await measureMatrixAnswer(suites);
    const timings = await measureResultsPage(server, suites);
    const n = scale.models * scale.testCases;
    const common = {
      n,
      peakRssMb: peakRssMb(server.pid),
      baseline: "the same page for 1 model × 2 test cases",
    };
    return [
      line({
        name: `results matrix, whole suite, ${scale.models} models × ${scale.testCases} test cases (server answer)`,
        n,
        seconds: matrix.big,
        baselineSeconds: matrix.small,
        baseline: "the matrix of 1 model × 2 test cases",
        maxSeconds: 0.3,
        peakRssMb: peakRssMb(server.pid),
      }),
      line({
        name: `results page interactive, ${scale.models} models × ${scale.testCases} test cases (Chromium)`,
        seconds: timings.measured.interactive,
        baselineSeconds: timings.baseline.interactive,
        maxSeconds: 1,
        ...common,
      }),
      line({
        name: `results page significance verdicts (first visit), ${scale.models} models × ${scale.testCases} test cases`,
        seconds: timings.cold.verdicts,
        baselineSeconds: timings.baseline.verdicts,
        maxSeconds: 1.5,
        ...common,
      }),
    ];
  } finally {
    await server.stop();
  }
}

/**
 * The server's answer for the whole matrix as the results page asks for it (every model of the suite version,
 * its default metric), timed from a client: the median of five calls after one to warm up.
 */
async function measureMatrixAnswer(suites: { big: number; small: number }) {
  const client = getClient();
  const time = async (testSuiteId: number) => {
    const runs = await client.call((trpc) => trpc.testRun.list.query({ testSuiteId }));
    const input = {
      testSuiteId,
      modelIds: runs.map((run) => run.modelId),
      evaluator: runs[0]?.evaluator ?? "",
      configuration: "",
      metrics: ["accuracy"],
    };
    const answer = () => client.call((trpc) => trpc.result.matrix.query(input));
    const first = await answer();
    const columns = first.columns.split("\n").length;
    if (columns !== runs.length || first.testCaseIds.length === 0) {
      throw new Error(
        `the matrix holds ${columns} columns of ${first.testCaseIds.length} test cases`,
      );
    }
    return medianSeconds(answer);
  };
  return { big: await time(suites.big), small: await time(suites.small) };
}

/** Opens both suites' results pages in Chromium, three times each after a warm-up: medians, and the first visit. */
export async function measureResultsPage(
  server: { url: string; token: string },
  suites: { big: number; small: number },
): Promise<{ baseline: Timing; measured: Timing; cold: Timing }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, server.url, server.token);
    await page.addInitScript(watchResultsPage);
    const open = (suiteId: number) => openResults(page, `${server.url}/results?suite=${suiteId}`);
    await open(suites.small); // warms the browser's cache of the app's own files
    const baseline = medianTiming(await repeat(3, () => open(suites.small)));
    // The first visit computes the suite's significance tests; later ones reuse them until the store changes.
    const runs = await repeat(3, () => open(suites.big));
    return { baseline, measured: medianTiming(runs), cold: runs[0] as Timing };
  } finally {
    await browser.close();
  }
}

export interface Timing {
  interactive: number;
  verdicts: number;
}

/**
 * Watches the page from inside, so the numbers are the page's own (from navigation start) and not Playwright's
 * polling: "interactive" is when a keystroke, sent after the first metric values are painted, has moved the
 * focus to the next row; "verdicts" is when no row on screen waits for its significance tests any more.
 */
function watchResultsPage() {
  const marks: { cells?: number; interactive?: number; verdicts?: number } = {};
  Object.assign(window, { __assayMarks: marks });
  new MutationObserver(() => {
    const grid = document.querySelector(".matrix");
    if (!grid) return;
    if (marks.cells === undefined && grid.querySelector("[data-testid=cell]:not([data-pending])")) {
      marks.cells = performance.now();
      requestAnimationFrame(() =>
        setTimeout(
          () =>
            grid.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true })),
          0,
        ),
      );
    }
    if (
      marks.cells !== undefined &&
      marks.interactive === undefined &&
      grid.querySelector('[data-index="1"] .matrix-row.focused')
    ) {
      marks.interactive = performance.now();
    }
    if (
      marks.interactive !== undefined &&
      marks.verdicts === undefined &&
      !grid.hasAttribute("data-comparing")
    ) {
      marks.verdicts = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

async function openResults(page: Page, url: string): Promise<Timing> {
  await page.goto(url);
  const marks = await page.waitForFunction(
    () => {
      const m = (
        window as unknown as { __assayMarks?: { interactive?: number; verdicts?: number } }
      ).__assayMarks;
      return m?.verdicts !== undefined ? m : undefined;
    },
    undefined,
    { timeout: 120_000 },
  );
  const { interactive, verdicts } = (await marks.jsonValue()) as Required<Timing>;
  return { interactive: interactive / 1000, verdicts: verdicts / 1000 };
}

async function repeat<T>(times: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await fn());
  return out;
}

function medianTiming(timings: Timing[]): Timing {
  const mid = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return {
    interactive: mid(timings.map((t) => t.interactive)),
    verdicts: mid(timings.map((t) => t.verdicts)),
  };
}

/** A suite of `testCases` overlapping test cases and `models` tested models; and a two-test-case suite, one model. */
export async function seedResultsPage(
  scale: ResultsPageScale,
): Promise<{ big: number; small: number }> {
  const { TestCase, TestSuite, Model } = defineWorkflow({
    name: "Bench results page",
    testSample: Image,
    groundTruth: GroundTruth.extend({ label: ClassificationLabel }),
    inference: Inference.extend({ prediction: ScoredClassificationLabel }),
  });
  // Each sample sits in ten test cases, as slices of a dataset overlap.
  const pool = Math.max(SAMPLES_PER_CASE, (scale.testCases * SAMPLES_PER_CASE) / 10);
  const truth = (i: number) => CLASSES[(i * 7919) % CLASSES.length] as string;
  const sample = (i: number) =>
    [{ locator: `s3://bench/results/${i}.png` }, { label: { label: truth(i) } }] as const;
  const testCases = [];
  for (let t = 0; t < scale.testCases; t++) {
    const members = Array.from({ length: SAMPLES_PER_CASE }, (_, j) =>
      sample((t * 7 + j * 101) % pool),
    );
    testCases.push(await TestCase.create(`slice ${t}`, { testSamples: members }));
  }
  const suite = await TestSuite.create("bench results", { testCases });
  const tiny = await TestSuite.create("bench results (two test cases)", {
    testCases: testCases.slice(0, 2),
  });
  const evaluator: BuiltInEvaluatorSpec = { name: "classification" };
  for (let m = 0; m < scale.models; m++) {
    // Model m is wrong on a model-specific 5–25 % of the samples.
    const model = await Model.create(`bench model ${m}`, {
      infer: ({ locator }) => {
        const i = Number(/(\d+)\.png$/.exec(locator)?.[1]);
        const wrong = (i * 31 + m * 17) % 100 < 5 + (m % 21);
        const label = wrong
          ? (CLASSES[(CLASSES.indexOf(truth(i)) + 1) % CLASSES.length] as string)
          : truth(i);
        return { prediction: { label, score: 0.5 + ((i + m) % 50) / 100 } };
      },
    });
    await test(model, suite, evaluator, { progress: false });
    if (m === 0) await test(model, tiny, evaluator, { progress: false });
  }
  return { big: suite.id, small: tiny.id };
}
