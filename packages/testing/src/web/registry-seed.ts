import { initialize, test } from "@assay/sdk";

import { shapes } from "./seed";

/**
 * What the registry pages' tests need beyond `seed`: a second version of the "shapes" suite (its "first half"
 * grows by one sample of "all shapes") that reference-net is tested on too, so the model page has a trend
 * and the suite page a diff; and a described suite with no test cases, for the search and the lone empty v0.
 */
export async function seedRegistry(server: { url: string; token: string }): Promise<void> {
  initialize({ url: server.url, token: server.token });
  const all = await shapes.TestCase.load("all shapes");
  const half = await shapes.TestCase.load("first half");
  const pairs = await all.loadTestSamples();
  const [testSample, groundTruth] = pairs[40] as (typeof pairs)[number];
  const halfV2 = await half.edit((editor) => {
    editor.add(testSample, groundTruth);
  });
  const suite = await shapes.TestSuite.load("shapes");
  const v2 = await suite.edit((editor) => {
    editor.add(halfV2);
  });
  // Every sample of v2 already has reference-net's inference (inferences are per sample, across suites).
  const reference = await shapes.Model.load("reference-net", {
    infer: () => {
      throw new Error("reference-net has an inference for every sample already");
    },
  });
  await test(reference, v2, { name: "classification" });
  await shapes.TestSuite.create("circles", {
    description: "Circles of every size, still to be collected",
  });
}
