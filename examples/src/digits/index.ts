import { join } from "node:path";

import type { SamplePair } from "@assay/sdk";

import type { ExampleOptions, ExampleReport } from "../shared/example";
import { writeIfChanged } from "../shared/files";
import { initModel, testModels } from "../shared/models";
import { runAsScript } from "../shared/script";
import type { Digit } from "./data";
import { INK_LEVELS, inkLevels, loadDigits, TRAIN_SIZE } from "./data";
import { renderDigit } from "./images";
import { knnModel } from "./models";
import type { DigitsWorkflow } from "./workflow";
import { digits, EVALUATOR, LABELS, SUITE_BY_CLASS, SUITE_BY_INK } from "./workflow";

/** The PNG file of a test digit, under the data root: the sample's locator. */
export function digitPath(dataRoot: string, digit: Digit): string {
  return join(dataRoot, "digits", `digit-${String(digit.index).padStart(4, "0")}.png`);
}

/**
 * The digits example: scikit-learn's handwritten digits, the last 180 drawn as PNG files under the data root
 * (the web UI shows them through the server's asset proxy), stratified by digit and by amount of ink, tested with
 * kNN (k = 5, scikit-learn's exercise) and 1-NN.
 */
export async function run(options: ExampleOptions): Promise<ExampleReport> {
  const log = options.log ?? console.log;
  const { TestCase, TestSuite, Model } = digits;
  const all = loadDigits();
  const train = all.slice(0, TRAIN_SIZE);
  const test = all.slice(TRAIN_SIZE);

  let written = 0;
  for (const digit of test) {
    if (writeIfChanged(digitPath(options.dataRoot, digit), renderDigit(digit.pixels))) written++;
  }
  log(`digits: ${test.length} test images in ${join(options.dataRoot, "digits")} (${written} new)`);

  const ink = inkLevels(test);
  const pair = (digit: Digit): SamplePair<DigitsWorkflow> => {
    const { ink: amount, level } = ink.get(digit.index) ?? { ink: 0, level: "light" };
    return [
      {
        locator: digitPath(options.dataRoot, digit),
        metadata: { index: digit.index, ink: amount, inkLevel: level },
      },
      { label: { label: String(digit.label) } },
    ];
  };
  const cases = await TestCase.initMany([
    ["digits: all", test.map(pair)],
    ...LABELS.map(
      (label) =>
        [
          `digits: class ${label}`,
          test.filter((d) => String(d.label) === label).map(pair),
        ] as const,
    ),
    ...INK_LEVELS.map(
      (level) =>
        [
          `digits: ${level} ink`,
          test.filter((d) => ink.get(d.index)?.level === level).map(pair),
        ] as const,
    ),
  ]);
  const [everything, ...rest] = cases;
  const byClass = rest.slice(0, LABELS.length);
  const byInk = rest.slice(LABELS.length);
  const description =
    "scikit-learn's digits (UCI Optical Recognition of Handwritten Digits, test set): the last 180 of 1797.";
  const suites = [
    await TestSuite.init(SUITE_BY_CLASS, {
      testCases: everything ? [everything, ...byClass] : byClass,
      description: `${description} One test case per digit.`,
      tags: ["example", "image"],
    }),
    await TestSuite.init(SUITE_BY_INK, {
      testCases: everything ? [everything, ...byInk] : byInk,
      description: `${description} Stratified by amount of ink, in thirds.`,
      tags: ["example", "image"],
    }),
  ];
  log(`digits: suites ${suites.map((s) => `'${s.name}' v${s.version}`).join(", ")}`);

  const models = [];
  for (const k of [5, 1]) models.push(await initModel(Model.init, knnModel(train, k)));
  return { example: "digits", runs: await testModels(models, suites, EVALUATOR, options) };
}

await runAsScript(import.meta.url, run);
