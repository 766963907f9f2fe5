import type {
  BuiltInEvaluatorSpec,
  InferFn,
  JsonObject,
  ModelOf,
  ModelOptions,
  TestSuiteOf,
  Workflow,
} from "@assay/sdk";
import { test } from "@assay/sdk";
import type { z } from "zod";

import type { ExampleOptions, TestedRun } from "./example";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow, whatever its schemas
export type AnyWorkflow = Workflow<z.ZodObject<any>, z.ZodObject<any>, z.ZodObject<any>>;

/** A model as an example defines it: its registry entry and its `infer`. */
export interface ModelSpec<W extends AnyWorkflow> {
  name: string;
  metadata: JsonObject;
  tags: string[];
  infer: InferFn<W>;
}

/** A registered model whose `infer` counts its calls, so an example can say how much work a run did. */
export interface CountedModel<W extends AnyWorkflow> {
  model: ModelOf<W>;
  calls: () => number;
}

/** Registers a model (or loads it: `init` keeps what is already there) with a counting `infer`. */
export async function initModel<W extends AnyWorkflow>(
  init: (name: string, options: ModelOptions<W>) => Promise<ModelOf<W>>,
  spec: ModelSpec<W>,
): Promise<CountedModel<W>> {
  let calls = 0;
  const infer: InferFn<W> = (sample) => {
    calls += 1;
    return spec.infer(sample);
  };
  const model = await init(spec.name, { infer, metadata: spec.metadata, tags: spec.tags });
  return { model, calls: () => calls };
}

/**
 * Tests every model on every suite with one built-in evaluator. `test()` infers only the samples a model has no
 * inference for yet and skips evaluation when the results are current, so running an example again is cheap.
 */
export async function testModels<W extends AnyWorkflow>(
  models: readonly CountedModel<W>[],
  suites: readonly TestSuiteOf<W>[],
  evaluator: BuiltInEvaluatorSpec,
  options: ExampleOptions & { concurrency?: number },
): Promise<TestedRun[]> {
  const log = options.log ?? console.log;
  const runs: TestedRun[] = [];
  for (const { model, calls } of models) {
    for (const suite of suites) {
      const before = calls();
      const started = performance.now();
      await test(model, suite, evaluator, {
        progress: options.progress,
        concurrency: options.concurrency,
      });
      const run: TestedRun = {
        model: model.name,
        suite: suite.name,
        evaluator: evaluator.name,
        inferred: calls() - before,
        seconds: (performance.now() - started) / 1000,
      };
      log(
        `  ${run.model} on ${run.suite} (${run.evaluator}): ` +
          (run.inferred > 0 ? `inferred ${run.inferred} samples` : "nothing to infer") +
          ` in ${run.seconds.toFixed(1)} s`,
      );
      runs.push(run);
    }
  }
  return runs;
}
