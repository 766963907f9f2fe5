import { parseArgs } from "node:util";

import type { CellComparison } from "@assay/metrics";
import { describeCell } from "@assay/metrics";

import type { Io } from "../io";
import { formatJson, formatTable, formatValue, UsageError } from "../io";
import { compareByName, parseAlpha } from "./compare";
import { required } from "./model";
import { loadRunResults } from "./results";

export const GATE_HELP = `Usage:
  assay gate --model NAME --suite NAME[@VERSION] --metric NAME
             [--min X] [--max X] [--reference MODEL [--max-drop D] [--alpha 0.05]]
             [--higher-is-better | --lower-is-better] [--evaluator NAME] [--configuration NAME] [--json]

Checks a test case metric of every test case, for CI: exits 1 when any test case fails, 0 otherwise.
  --min / --max     fail a test case whose metric is below / above the threshold.
  --reference       fail a test case where the metric regressed against the reference model's
                    significantly and by more than --max-drop (default 0), judged as \`assay compare\`
                    and the web UI judge it: the test of the metric's declared kind on the samples both
                    models were tested on, Benjamini–Hochberg-adjusted at --alpha (default 0.05) across
                    the suite's test cases. Which way is worse comes from the metric's declaration;
                    --higher-is-better / --lower-is-better give it for a metric that declares none.

Example:
  assay gate --model candidate --suite sentiment --metric accuracy --min 0.7 --reference baseline
`;

interface Check {
  testCase: string;
  configuration: string;
  value: number;
  reference?: number | undefined;
  delta?: number | undefined;
  /** How the difference from the reference was judged (the engine's test, interval and p-values). */
  comparison?: CellComparison | undefined;
  failures: string[];
}

export async function gateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: "string" },
      suite: { type: "string" },
      metric: { type: "string" },
      min: { type: "string" },
      max: { type: "string" },
      reference: { type: "string" },
      "max-drop": { type: "string", default: "0" },
      alpha: { type: "string" },
      "higher-is-better": { type: "boolean", default: false },
      "lower-is-better": { type: "boolean", default: false },
      evaluator: { type: "string" },
      configuration: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const metric = required(values.metric, "gate needs --metric");
  const suite = required(values.suite, "gate needs --suite");
  const min = optionalNumber(values.min, "--min");
  const max = optionalNumber(values.max, "--max");
  const maxDrop = optionalNumber(values["max-drop"], "--max-drop") ?? 0;
  const alpha = parseAlpha(values.alpha) ?? 0.05;
  if (values["higher-is-better"] && values["lower-is-better"])
    throw new UsageError("--higher-is-better and --lower-is-better contradict each other");
  if (min === undefined && max === undefined && values.reference === undefined) {
    throw new UsageError("gate needs something to check: --min, --max or --reference");
  }
  const modelName = required(values.model, "gate needs --model");
  const results = await loadRunResults(modelName, suite, values.evaluator, values.configuration);
  const reference = values.reference
    ? await loadRunResults(values.reference, suite, values.evaluator, values.configuration)
    : undefined;
  const compared = values.reference
    ? await compareByName({
        models: [values.reference, modelName],
        reference: values.reference,
        suite,
        metrics: [metric],
        evaluator: values.evaluator,
        configuration: values.configuration,
        alpha,
      })
    : undefined;
  const declared = compared?.metrics.find((m) => m.name === metric)?.meaning?.higherIsBetter;
  const higherIsBetter =
    declared ?? (values["higher-is-better"] ? true : values["lower-is-better"] ? false : undefined);
  if (compared && higherIsBetter === undefined) {
    throw new UsageError(
      `metric '${metric}' does not declare which way is better: say it with --higher-is-better or --lower-is-better`,
    );
  }
  const cellOf = (testCaseId: number, configuration: string): CellComparison | undefined => {
    const found = compared?.cells.find(
      (c) => c.testCaseId === testCaseId && c.configuration === configuration,
    );
    if (!found) return undefined;
    const {
      testCaseId: _,
      testCase: __,
      configuration: ___,
      modelId: ____,
      metric: _____,
      ...cell
    } = found;
    return cell;
  };

  const checks: Check[] = results.testCases.map((tc) => {
    const value = numberMetric(tc.metrics[metric], metric, tc.name);
    const check: Check = {
      testCase: tc.name,
      configuration: tc.configuration,
      value,
      failures: [],
    };
    if (min !== undefined && !(value >= min)) check.failures.push(`below --min ${min}`);
    if (max !== undefined && !(value <= max)) check.failures.push(`above --max ${max}`);
    const baseline = reference?.testCases.find(
      (r) => r.id === tc.id && r.configuration === tc.configuration,
    );
    const comparison = cellOf(tc.id, tc.configuration);
    if (baseline && comparison) {
      const referenceValue = numberMetric(baseline.metrics[metric], metric, tc.name);
      Object.assign(check, {
        reference: referenceValue,
        delta: value - referenceValue,
        comparison,
      });
      if (comparison.tested) {
        const drop = higherIsBetter ? -comparison.difference : comparison.difference;
        if (comparison.significant && drop > 0 && drop > maxDrop) {
          check.failures.push(
            `regressed by ${formatValue(drop)} against ${values.reference} (${describeCell(comparison, alpha)})`,
          );
        }
      }
    }
    return check;
  });
  const failed = checks.filter((check) => check.failures.length > 0);
  if (values.json) io.out(formatJson({ passed: failed.length === 0, metric, checks }));
  else {
    io.out(
      formatTable(
        [
          "TEST CASE",
          "CONFIGURATION",
          metric.toUpperCase(),
          ...(reference ? ["REFERENCE", "DELTA", "TEST"] : []),
          "RESULT",
        ],
        checks.map((c) => [
          c.testCase,
          c.configuration,
          formatValue(c.value),
          ...(reference
            ? [
                formatValue(c.reference),
                formatValue(c.delta),
                c.comparison ? describeCell(c.comparison, alpha) : "",
              ]
            : []),
          c.failures.length ? `FAIL: ${c.failures.join("; ")}` : "ok",
        ]),
      ),
    );
    io.out(
      failed.length
        ? `\n${failed.length} of ${checks.length} test cases failed the gate\n`
        : `\nall ${checks.length} test cases passed\n`,
    );
  }
  return failed.length === 0 ? 0 : 1;
}

function optionalNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new UsageError(`${flag} must be a number, not '${value}'`);
  return number;
}

function numberMetric(value: unknown, metric: string, testCase: string): number {
  if (typeof value !== "number") {
    throw new UsageError(`test case '${testCase}' has no numeric metric '${metric}'`);
  }
  return value;
}
