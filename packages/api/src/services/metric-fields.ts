import type { DB } from "@assay/db";
import type { MetricMeaning } from "@assay/workflow";
import { parseJson } from "@assay/workflow/wire";

import { MetricNamesInput } from "./matrix";
import { latestRunsOf } from "./test-runs";

export const MetricFieldsInput = MetricNamesInput;

/** The JSON type of a per-sample metric field, as the gallery's filters compare it. */
export type SampleFieldType = "boolean" | "number" | "string" | "list" | "object";

export interface MetricFields {
  /**
   * Every declared meaning of the runs' metrics, nested rows' fields included (`perClass.precision`) and lists
   * of rows (`perClass`), so the web UI names every metric and nested table by its display name.
   */
  meanings: Record<string, MetricMeaning>;
  /**
   * The runs' per-sample metric fields and their types, read from a few samples: a drill-down picks its filter
   * by them (a count made of a boolean flag is the samples where it is true, of a number where it is > 0).
   */
  sampleFields: Record<string, SampleFieldType>;
}

const SAMPLED_RUNS = 3;

/** What a drill-down from the results page needs to know of the runs' metrics, beyond their names. */
export function metricFields(
  db: DB,
  raw: Parameters<typeof MetricNamesInput.parse>[0],
): MetricFields {
  const { configuration, ...input } = MetricNamesInput.parse(raw);
  const declared = db.$client
    .prepare<[number], string>("SELECT metric_meanings_json FROM test_runs WHERE id = ?")
    .pluck();
  // A few samples, not one: a nullable field (a score, a prediction) is null on some of them.
  const samples = db.$client
    .prepare<[number, string], string>(
      "SELECT metrics_json FROM sample_metrics WHERE test_run_id = ? AND configuration = ? LIMIT 20",
    )
    .pluck();
  const meanings: Record<string, MetricMeaning> = {};
  const sampleFields: Record<string, SampleFieldType> = {};
  let sampled = 0;
  for (const runId of latestRunsOf(db, input).values()) {
    const ofRun = parseJson(declared.get(runId) ?? "{}") as Record<string, MetricMeaning>;
    for (const [name, meaning] of Object.entries(ofRun)) meanings[name] ??= meaning;
    // Runs of one evaluator store the same fields: a few runs' samples tell their types, and a hundred models
    // do not cost a hundred reads of (possibly large, box-laden) sample metrics.
    if (sampled >= SAMPLED_RUNS) continue;
    const rows = samples.all(runId, configuration);
    // A run without per-sample metrics (uploaded results) tells nothing: it does not count.
    if (rows.length > 0) sampled++;
    for (const json of rows) {
      for (const [key, value] of Object.entries(parseJson(json) as Record<string, unknown>)) {
        const type = typeOf(value);
        if (type) sampleFields[key] ??= type;
      }
    }
  }
  return { meanings, sampleFields };
}

function typeOf(value: unknown): SampleFieldType | undefined {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object" && value !== null) return "object";
  return undefined;
}
