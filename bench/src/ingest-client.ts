/**
 * The load benchmark's clients, in a process of their own: `ingest-client.ts PREFIX COUNT N FROM` runs `COUNT`
 * SDK clients at once, each ingesting `N` samples as a test case of its own, numbered from `FROM` on (new samples,
 * not ones the store already has), against ASSAY_URL with ASSAY_TOKEN. Prints `{"seconds": …}`.
 */
import { initialize } from "@assay/sdk";

import { classification, samplePairs } from "./dataset";

const [prefix, clients, perClient, first] = process.argv.slice(2);
const count = Number(clients);
const n = Number(perClient);
const from = Number(first ?? 0);
initialize();
const start = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: count }, (_, k) =>
    classification.TestCase.create(`${prefix} ${k}`, {
      testSamples: samplePairs(n, from + k * n),
    }),
  ),
);
process.stdout.write(
  `${JSON.stringify({ seconds: Number(process.hrtime.bigint() - start) / 1e9 })}\n`,
);
