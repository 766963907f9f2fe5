import { readFileSync } from "node:fs";

import type { SamplePair } from "@assay/sdk";

import { packageFile } from "../shared/paths";
import type { SentimentLabel, SentimentWorkflow } from "./workflow";

/** The three sources of the UCI Sentiment Labelled Sentences, as `sentiment@5.0.2` ships them. */
export const SITES = ["amazon", "imdb", "yelp"] as const;
export type Site = (typeof SITES)[number];

export interface Sentence {
  site: Site;
  /** 1-based line of the sentence in its file. */
  line: number;
  text: string;
  label: SentimentLabel;
}

/**
 * The 1000 labelled sentences of one site (`test/fixtures/<site>.json` in `sentiment@5.0.2`). Each file ends with
 * a blank row (`{"text": "", "class": null}`) that is not a sentence: it is dropped, as the published accuracies
 * (n = 1000) assume.
 */
export function loadSentences(site: Site): Sentence[] {
  const rows = JSON.parse(
    readFileSync(packageFile("sentiment", "test", "fixtures", `${site}.json`), "utf8"),
  ) as { text: string; class: 0 | 1 | null }[];
  return rows.flatMap((row, i) =>
    row.class === null && row.text === ""
      ? []
      : [{ site, line: i + 1, text: row.text, label: row.class === 1 ? "positive" : "negative" }],
  );
}

/** A site's sentences as test samples with their ground truths. */
export function samplePairs(sentences: readonly Sentence[]): SamplePair<SentimentWorkflow>[] {
  return sentences.map(({ site, line, text, label }) => [
    { text, site, line, metadata: { site, characters: text.length, words: wordCount(text) } },
    { label: { label } },
  ]);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\w/.test(word)).length;
}
