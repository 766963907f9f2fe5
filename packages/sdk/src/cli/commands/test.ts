import { parseArgs } from "node:util";

import type { BuiltInEvaluatorSpec } from "@assay/metrics";
import { builtInEvaluators } from "@assay/metrics";
import type { EvaluatorConfiguration, JsonValue } from "@assay/workflow";

import { inferFromFile } from "../../io/inference-file";
import { test } from "../../testing/test";
import type { Io } from "../io";
import { jsonObjectArgument, nameAndVersion, UsageError } from "../io";
import { remoteWorkflow, workflowOfSuite } from "../workflows";
import { required } from "./model";
import { loadRunResults, renderResults } from "./results";

export const TEST_HELP = `Usage:
  assay test --model NAME --suite NAME[@VERSION] --inferences FILE --key FIELD
             [--evaluator ${Object.keys(builtInEvaluators).join("|")}] [--options JSON|@FILE]
             [--config JSON|@FILE]... [--reset] [--json]

Tests a model without code: its inferences come from FILE, looked up by the test sample field --key
(locator, text, …). The model is registered in the suite's workflow if it is new.

  FILE        CSV with a header row (the key column, then inference fields; dotted columns such as
              prediction.label build objects; cells holding JSON are parsed), or JSONL (one object per
              line: the key field and the inference's fields, or an "inference" object).
              A sample without a row gets an empty inference.
  --evaluator a built-in evaluator, run by the server over the stored inferences; its --options say
              which fields to read, each --config is one configuration (with a "displayName").
  --reset     replace inferences the model already has; otherwise only new samples are inferred.

Examples:
  assay test --model afinn --suite sentiment --inferences afinn.csv --key text --evaluator classification
  assay test --model knn --suite digits@2 --inferences knn.jsonl --key locator \\
             --evaluator classification --config '{"displayName":"t=0.5","threshold":0.5}'
`;

export async function testCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: "string" },
      suite: { type: "string" },
      inferences: { type: "string" },
      key: { type: "string" },
      evaluator: { type: "string" },
      options: { type: "string" },
      config: { type: "string", multiple: true },
      reset: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const modelName = required(values.model, "test needs --model");
  const suiteRef = required(values.suite, "test needs --suite");
  const file = required(values.inferences, "test needs --inferences FILE");
  const key = required(
    values.key,
    "test needs --key FIELD (the test sample field that names a row)",
  );
  const evaluator = values.evaluator;
  if (evaluator !== undefined && !(evaluator in builtInEvaluators)) {
    throw new UsageError(
      `unknown evaluator '${evaluator}'; built-in evaluators: ${Object.keys(builtInEvaluators).join(", ")}`,
    );
  }
  const [suiteName, version] = nameAndVersion(suiteRef);
  const { workflow, Model, TestSuite } = await remoteWorkflow(await workflowOfSuite(suiteName));
  const suite = await TestSuite.load(suiteName, { version });
  const model = await Model.init(modelName, { infer: inferFromFile(file, { key, workflow }) });
  const spec =
    evaluator === undefined
      ? undefined
      : ({
          name: evaluator,
          ...(values.options ? { options: jsonObjectArgument(values.options, "--options") } : {}),
          ...(values.config?.length ? { configurations: values.config.map(configuration) } : {}),
        } as BuiltInEvaluatorSpec);
  const run = await test(model, suite, spec, { reset: values.reset });
  const results = await loadRunResults(
    model.name,
    `${suite.name}@${suite.version}`,
    run.toJSON().evaluator ?? "",
    undefined,
  );
  io.out(renderResults(results, values.json ? "json" : "table"));
  // What the evaluator noticed in the data (scores read the wrong way, say) is kept on the run: said here too.
  for (const warning of (results.testRun.message ?? "").split("\n").filter(Boolean))
    io.err(`warning: ${warning}\n`);
  return 0;
}

/** A `--config` object; without a displayName, one is made from its settings. */
function configuration(text: string, index: number): EvaluatorConfiguration {
  const value = jsonObjectArgument(text, `--config[${index}]`);
  const { displayName, ...settings } = value as { displayName?: JsonValue } & Record<
    string,
    JsonValue
  >;
  const name =
    typeof displayName === "string" && displayName
      ? displayName
      : Object.entries(settings)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(", ") || "default";
  return { ...settings, displayName: name };
}
