import type { SamplePair } from "@assay/sdk";

import type { ExampleOptions, ExampleReport } from "../shared/example";
import { initModel, testModels } from "../shared/models";
import { runAsScript } from "../shared/script";
import type { Patient } from "./data";
import { loadPatients, TEST_SIZE } from "./data";
import { olsAllModel, olsBmiModel } from "./models";
import type { DiabetesWorkflow } from "./workflow";
import { diabetes, EVALUATOR, SUITE } from "./workflow";

/** Body mass index from which the WHO calls an adult overweight. */
const OVERWEIGHT_BMI = 25;

const pair = ({ patient, features, target }: Patient): SamplePair<DiabetesWorkflow> => [
  { patient, ...features, metadata: { overweight: features.bmi >= OVERWEIGHT_BMI } },
  { value: target },
];

/**
 * The diabetes example: scikit-learn's diabetes data, the last 20 patients held out (and split by BMI), tested
 * with least squares on BMI alone and on all ten variables (`ml-regression`).
 */
export async function run(options: ExampleOptions): Promise<ExampleReport> {
  const log = options.log ?? console.log;
  const { TestCase, TestSuite, Model } = diabetes;
  const patients = loadPatients();
  const train = patients.slice(0, -TEST_SIZE);
  const test = patients.slice(-TEST_SIZE);

  const testCases = await TestCase.initMany([
    ["diabetes: last 20 patients", test.map(pair)],
    [
      `diabetes: BMI under ${OVERWEIGHT_BMI}`,
      test.filter((p) => p.features.bmi < OVERWEIGHT_BMI).map(pair),
    ],
    [
      `diabetes: BMI ${OVERWEIGHT_BMI} and over`,
      test.filter((p) => p.features.bmi >= OVERWEIGHT_BMI).map(pair),
    ],
  ]);
  const suite = await TestSuite.init(SUITE, {
    testCases,
    description:
      "scikit-learn's diabetes data (Efron, Hastie, Johnstone and Tibshirani, 2004): 442 patients; the last 20 " +
      "are held out, as in scikit-learn's ordinary least squares example.",
    tags: ["example", "tabular"],
  });
  log(`diabetes: suite '${suite.name}' v${suite.version}, ${testCases.length} test cases`);

  const models = [
    await initModel(Model.init, olsBmiModel(train)),
    await initModel(Model.init, olsAllModel(train)),
  ];
  return { example: "diabetes", runs: await testModels(models, [suite], EVALUATOR, options) };
}

await runAsScript(import.meta.url, run);
