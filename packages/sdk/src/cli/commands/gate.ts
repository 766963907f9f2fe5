import { parseArgs } from "node:util";

import type { ConfidenceLevel } from "@assay/metrics";
import { compareWithMarginOfError } from "@assay/metrics";
import { sampleSizeOf } from "@assay/workflow/wire";

import type { Io } from "../io";
import { formatJson, formatTable, formatValue, UsageError } from "../io";
import { required } from "./model";
import { loadRunResults } from "./results";

export const GATE_HELP = `Usage:
  assay gate --model NAME --suite NAME[@VERSION] --metric NAME
             [--min X] [--max X] [--reference MODEL [--max-drop D] [--confidence 0.9|0.95|0.99]]
             [--lower-is-better] [--evaluator NAME] [--configuration NAME] [--json]

Checks a test case metric of every test case, for CI: exits 1 when any test case fails, 0 otherwise.
  --min / --max     fail a test case whose metric is below / above the threshold.
  --reference       fail a test case where the metric regressed against the reference model's by a
                    statistically significant amount (Kolena's margin of error at --confidence, 0.95 by
                    default, with the test case's sample size) and by more than --max-drop (default 0).
  --lower-is-better for error metrics (MAE, …): a rise is the regression.

Example:
  assay gate --model candidate --suite sentiment --metric accuracy --min 0.7 --reference baseline
`;

interface Check {
  testCase: string;
  configuration: string;
  value: number;
  reference?: number | undefined;
  delta?: number | undefined;
  marginOfError?: number | undefined;
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
      confidence: { type: "string", default: "0.95" },
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
  const confidence = Number(values.confidence) as ConfidenceLevel;
  if (![0.9, 0.95, 0.99].includes(confidence))
    throw new UsageError("--confidence is 0.9, 0.95 or 0.99");
  if (min === undefined && max === undefined && values.reference === undefined) {
    throw new UsageError("gate needs something to check: --min, --max or --reference");
  }
  const higherIsBetter = !values["lower-is-better"];
  const results = await loadRunResults(
    required(values.model, "gate needs --model"),
    suite,
    values.evaluator,
    values.configuration,
  );
  const reference = values.reference
    ? await loadRunResults(values.reference, suite, values.evaluator, values.configuration)
    : undefined;

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
    if (baseline) {
      const referenceValue = numberMetric(baseline.metrics[metric], metric, tc.name);
      const n = sampleSizeOf(tc.metrics) ?? tc.sampleCount;
      const comparison = compareWithMarginOfError(referenceValue, value, Math.max(n, 1), {
        confidence,
        higherIsBetter,
      });
      Object.assign(check, {
        reference: referenceValue,
        delta: comparison.delta,
        marginOfError: comparison.marginOfError,
      });
      const drop = higherIsBetter ? -comparison.delta : comparison.delta;
      if (comparison.direction === "regressed" && drop > maxDrop) {
        check.failures.push(
          `regressed by ${formatValue(drop)} against ${values.reference} (margin of error ${formatValue(comparison.marginOfError)})`,
        );
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
          ...(reference ? ["REFERENCE", "DELTA", "MOE"] : []),
          "RESULT",
        ],
        checks.map((c) => [
          c.testCase,
          c.configuration,
          formatValue(c.value),
          ...(reference
            ? [formatValue(c.reference), formatValue(c.delta), formatValue(c.marginOfError)]
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
