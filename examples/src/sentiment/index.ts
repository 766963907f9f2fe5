import { join } from "node:path";

import type { ExampleOptions, ExampleReport } from "../shared/example";
import { initModel, testModels } from "../shared/models";
import { runAsScript } from "../shared/script";
import { csvModel, writeAfinnExport } from "./csv-export";
import { loadSentences, samplePairs, SITES } from "./data";
import { afinnModel, winkModel } from "./models";
import { EVALUATOR, sentiment, SUITE } from "./workflow";

/** Where the CSV export of the AFINN scorer goes, under the data root. */
export function exportPath(dataRoot: string): string {
  return join(dataRoot, "sentiment", "afinn-165-export.csv");
}

/**
 * The sentiment example: the UCI Sentiment Labelled Sentences that ship in `sentiment@5.0.2`, one test case per
 * site, tested with the package's AFINN-165 scorer, with `wink-sentiment`, and with the AFINN scorer's
 * predictions read back from a CSV export. Existing test cases, suites and models are reused, and `test()` infers
 * only what is missing, so a second run does no work.
 */
export async function run(options: ExampleOptions): Promise<ExampleReport> {
  const log = options.log ?? console.log;
  const { TestCase, TestSuite, Model } = sentiment;
  const sentences = SITES.map(loadSentences);

  const testCases = await TestCase.initMany(
    SITES.map((site, i) => [`sentiment: ${site}`, samplePairs(sentences[i] ?? [])] as const),
  );
  const suite = await TestSuite.init(SUITE, {
    testCases,
    description:
      "UCI Sentiment Labelled Sentences (Kotzias et al., KDD 2015; CC BY 4.0): 1000 sentences per site, " +
      "half positive, as shipped in sentiment@5.0.2.",
    tags: ["example", "text"],
  });
  log(`sentiment: suite '${suite.name}' v${suite.version}, ${testCases.length} test cases`);

  const csv = exportPath(options.dataRoot);
  const rows = writeAfinnExport(csv, sentences.flat());
  log(`sentiment: ${rows} rows in ${csv}`);

  const models = [];
  for (const spec of [afinnModel, winkModel, csvModel(csv)]) {
    models.push(await initModel(Model.init, spec));
  }
  return { example: "sentiment", runs: await testModels(models, [suite], EVALUATOR, options) };
}

await runAsScript(import.meta.url, run);
