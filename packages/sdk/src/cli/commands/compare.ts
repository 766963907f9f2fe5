import { parseArgs } from "node:util";

import { describeCell, formatPValue, formatStatistic } from "@assay/metrics";

import { getClient } from "../../client/client";
import type { ServerComparison } from "../../testing/compare";
import { compareOnServer } from "../../testing/compare";
import { evaluatorName } from "../../testing/evaluators";
import type { Io } from "../io";
import { formatJson, formatTable, nameAndVersion, UsageError } from "../io";
import { required } from "./model";

export const COMPARE_HELP = `Usage:
  assay compare --model A --model B [--model C …] --suite NAME[@VERSION] [--reference MODEL]
                [--metric NAME …] [--evaluator NAME] [--configuration NAME] [--alpha 0.05] [--json]

Compares models with a reference (the first --model by default), per test case and metric, with the
comparison engine the web UI and \`assay gate\` use: on the samples both models were tested on, each
metric by the test of its declared kind (McNemar for a proportion, paired t-test with Wilcoxon beside it
for a mean, a seeded paired bootstrap for a count or an aggregate). Prints the difference, its confidence
interval, the test, its p-value and the Benjamini–Hochberg-adjusted p-value across every tested cell; a
cell that cannot be tested says why.
  --metric         the metrics compared (repeat it); by default every one whose kind is declared.
  --alpha          the false discovery rate, and 1 - the intervals' confidence (default 0.05).

Exits 1 when any cell regressed significantly, 0 otherwise.

Example:
  assay compare --model baseline --model candidate --suite sentiment --metric accuracy
`;

export async function compareCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: "string", multiple: true },
      suite: { type: "string" },
      reference: { type: "string" },
      metric: { type: "string", multiple: true },
      evaluator: { type: "string" },
      configuration: { type: "string" },
      alpha: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const names = values.model ?? [];
  if (names.length === 0) throw new UsageError("compare needs --model (twice or more)");
  const referenceName = values.reference ?? names[0] ?? "";
  const all = names.includes(referenceName) ? names : [referenceName, ...names];
  if (all.length < 2) throw new UsageError("compare needs two models or more");
  const answer = await compareByName({
    models: all,
    reference: referenceName,
    suite: required(values.suite, "compare needs --suite"),
    metrics: values.metric,
    evaluator: values.evaluator,
    configuration: values.configuration,
    alpha: parseAlpha(values.alpha),
  });
  const byId = new Map(answer.models.map((m) => [m.id, m.name]));
  const rows = answer.cells.map(({ modelId, testCaseId: _, ...cell }) => ({
    model: byId.get(modelId) ?? String(modelId),
    ...cell,
  }));
  const regressed = rows.filter((row) => row.tested && row.verdict === "regressed");
  if (values.json) {
    io.out(
      formatJson({
        reference: referenceName,
        alpha: answer.alpha,
        metrics: answer.metrics,
        regressed: regressed.length,
        cells: rows.map((row) => ({ ...row, description: describeCell(row, answer.alpha) })),
      }),
    );
  } else {
    const confidence = `${formatStatistic((1 - answer.alpha) * 100)}% CI`;
    io.out(
      formatTable(
        [
          "TEST CASE",
          "CONFIGURATION",
          "MODEL",
          "METRIC",
          "DIFFERENCE",
          confidence,
          "TEST",
          "P",
          "ADJUSTED P",
          "VERDICT",
        ],
        rows.map((row) =>
          row.tested
            ? [
                row.testCase,
                row.configuration,
                row.model,
                row.metric,
                formatStatistic(row.difference),
                `[${formatStatistic(row.lower)}, ${formatStatistic(row.upper)}]`,
                row.test,
                formatPValue(row.pValue),
                formatPValue(row.adjustedPValue),
                row.verdict,
              ]
            : [
                row.testCase,
                row.configuration,
                row.model,
                row.metric,
                "",
                "",
                "",
                "",
                "",
                `not tested: ${row.reason}`,
              ],
        ),
      ),
    );
    io.out(
      regressed.length > 0
        ? `\n${regressed.length} of ${rows.length} cells regressed against ${referenceName}\n`
        : `\nno cell regressed against ${referenceName} (${rows.length} cells)\n`,
    );
  }
  return regressed.length > 0 ? 1 : 0;
}

/** `--alpha`: a false discovery rate strictly between 0 and 1. */
export function parseAlpha(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const alpha = Number(value);
  if (!(alpha > 0 && alpha < 1))
    throw new UsageError(`--alpha must be between 0 and 1, not '${value}'`);
  return alpha;
}

/** The server's comparison of models named on the command line, on a suite named NAME[@VERSION]. */
export async function compareByName(input: {
  models: string[];
  reference: string;
  suite: string;
  metrics?: string[] | undefined;
  evaluator?: string | undefined;
  configuration?: string | undefined;
  alpha?: number | undefined;
}): Promise<ServerComparison & { models: { id: number; name: string }[] }> {
  const client = getClient();
  const [name, version] = nameAndVersion(input.suite);
  const suite = await client.call((trpc) => trpc.testSuite.load.query({ name, version }));
  const models = await Promise.all(
    input.models.map((model) => client.call((trpc) => trpc.model.load.query({ name: model }))),
  );
  const reference = models.find((model) => model.name === input.reference);
  if (!reference) throw new UsageError(`--reference '${input.reference}' is not among the models`);
  const answer = await compareOnServer(client, {
    modelIds: models.map((model) => model.id),
    reference,
    suite,
    evaluator: evaluatorName(input.evaluator),
    configuration: input.configuration,
    metrics: input.metrics,
    alpha: input.alpha,
  });
  return { ...answer, models };
}
