/** The part of `wink-sentiment@5.0.2` the sentiment example uses; the package ships no types. */
declare module "wink-sentiment" {
  interface WinkSentimentResult {
    /** The sum of the AFINN scores of the phrase's words, emojis and emoticons (negation flips them). */
    score: number;
    /** `score` scaled by the phrase's length: positive is positive, near zero is neutral. */
    normalizedScore: number;
  }

  export default function sentiment(phrase: string): WinkSentimentResult;
}
