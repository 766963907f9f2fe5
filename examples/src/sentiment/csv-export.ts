import { inferFromFile } from "@assay/sdk";

import { writeIfChanged } from "../shared/files";
import type { ModelSpec } from "../shared/models";
import type { Sentence } from "./data";
import { afinnHasOpinion, afinnScore, predictionFromScore } from "./models";
import { sentiment } from "./workflow";
import type { SentimentWorkflow } from "./workflow";

/**
 * Writes the AFINN scorer's predictions to a CSV file, as a batch job outside Assay would export them: one row per
 * distinct sentence (`text`, `prediction.label`, `prediction.score`), and no row for a sentence in which the
 * lexicon knows no word, since the scorer has no evidence about it. Returns how many sentences got a row.
 */
export function writeAfinnExport(path: string, sentences: readonly Sentence[]): number {
  const rows = new Map<string, string>();
  for (const { text } of sentences) {
    if (rows.has(text) || !afinnHasOpinion(text)) continue;
    const { label, score } = predictionFromScore(afinnScore(text));
    rows.set(text, `${quote(text)},${label},${score}`);
  }
  writeIfChanged(path, ["text,prediction.label,prediction.score", ...rows.values(), ""].join("\n"));
  return rows.size;
}

/** RFC 4180 quoting: sentences hold commas, quotes and trailing spaces that must survive the round trip. */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * A model whose `infer` looks each sentence up in the exported CSV (`inferFromFile`, keyed by `text`). A sentence
 * without a row gets an empty inference: no prediction, which the classification evaluator counts as wrong.
 * `assay test --inferences FILE --key text` does the same from the command line, without code.
 */
export function csvModel(path: string): ModelSpec<SentimentWorkflow> {
  return {
    name: "afinn-165-csv",
    metadata: {
      source: "the afinn-165 scorer's predictions, exported to CSV",
      file: "sentiment/afinn-165-export.csv under the data root",
      rule: "a row only for sentences with at least one AFINN-165 word; no row means no prediction",
    },
    tags: ["lexicon", "afinn", "csv"],
    infer: inferFromFile(path, { key: "text", workflow: sentiment.workflow }),
  };
}
