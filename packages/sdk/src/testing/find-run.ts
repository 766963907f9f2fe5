import type { TestRunRecord } from "@assay/workflow/wire";

import type { AssayClient } from "../client/client";
import { IncorrectUsageError, NotFoundError } from "../client/errors";

/**
 * A model's test run on a test suite version, found by its evaluator's display name (see `evaluatorName`). With
 * no evaluator named, the model's only run on that suite version; several are an error that lists them.
 */
export async function findTestRun(
  client: AssayClient,
  model: { id: number; name: string },
  suite: { id: number; name: string; version: number },
  evaluator: string | null,
): Promise<TestRunRecord> {
  const where = `model '${model.name}' has no test run on test suite '${suite.name}' (v${suite.version})`;
  if (evaluator !== null) {
    const run = await client.call((trpc) =>
      trpc.testRun.find.query({ modelId: model.id, testSuiteId: suite.id, evaluator }),
    );
    if (!run) throw new NotFoundError(`${where} with evaluator '${evaluator}'`);
    return run;
  }
  const runs = (
    await client.call((trpc) => trpc.model.testRuns.query({ modelId: model.id }))
  ).filter((run) => run.testSuiteId === suite.id);
  const [only, ...others] = runs;
  if (!only) throw new NotFoundError(where);
  if (others.length > 0) {
    const names = runs.map((run) => `'${run.evaluator ?? "(none)"}'`).join(", ");
    throw new IncorrectUsageError(
      `model '${model.name}' has runs on test suite '${suite.name}' (v${suite.version}) with several evaluators (${names}); name one`,
    );
  }
  return only;
}
