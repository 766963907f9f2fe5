import Sentiment from "sentiment";
import winkSentiment from "wink-sentiment";

import type { ModelSpec } from "../shared/models";
import { packageId } from "../shared/paths";
import type { SentimentWorkflow } from "./workflow";

/**
 * A prediction from a lexicon score: positive when the score is at least 0 (a sentence without any sentiment word
 * counts as positive, the rule behind the `sentiment` package's published accuracies). The confidence is the
 * logistic of the score, read as the probability of the predicted class, so the evaluator's ROC and PR curves
 * rank sentences by the raw score.
 */
export function predictionFromScore(score: number) {
  const positive = 1 / (1 + Math.exp(-score));
  return score >= 0
    ? { label: "positive", score: positive }
    : { label: "negative", score: 1 - positive };
}

const afinn = new Sentiment();

/** The AFINN-165 scorer of `sentiment@5.0.2`: the lexicon score of a sentence divided by its number of tokens. */
export function afinnScore(text: string): number {
  return afinn.analyze(text).comparative;
}

/** Whether the AFINN-165 lexicon knows any word of the sentence (else its score is 0 for lack of evidence). */
export function afinnHasOpinion(text: string): boolean {
  return afinn.analyze(text).words.length > 0;
}

export const afinnModel: ModelSpec<SentimentWorkflow> = {
  name: "afinn-165",
  metadata: {
    package: packageId("sentiment"),
    lexicon: "AFINN-165",
    rule: "positive iff analyze(text).comparative >= 0",
    publishedAccuracy: { amazon: 0.726, imdb: 0.765, yelp: 0.696 },
  },
  tags: ["lexicon", "afinn"],
  infer: ({ text }) => ({ prediction: predictionFromScore(afinnScore(text)) }),
};

/**
 * `wink-sentiment@5.0.2`: the same AFINN-165 lexicon plus two-word phrases, emojis, emoticons and negation
 * handling. Its README reads a positive normalized score as positive sentiment and claims 77 % accuracy on the
 * UCI Amazon sentences.
 */
export const winkModel: ModelSpec<SentimentWorkflow> = {
  name: "wink-sentiment",
  metadata: {
    package: packageId("wink-sentiment"),
    lexicon: "AFINN-165 with bigrams, emojis, emoticons and negation",
    rule: "positive iff normalizedScore >= 0",
    publishedAccuracy: { amazon: 0.77 },
  },
  tags: ["lexicon", "afinn", "negation"],
  infer: ({ text }) => ({ prediction: predictionFromScore(winkSentiment(text).normalizedScore) }),
};
