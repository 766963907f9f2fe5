import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { seed } from "./seed";
import type { ExampleServer } from "./testing";
import { startExampleServer } from "./testing";

let env: ExampleServer;

beforeAll(async () => {
  env = await startExampleServer();
});
afterAll(() => env.stop());

describe("seed", () => {
  it("runs the examples it is given, and skips all their work the second time", async () => {
    const log: string[] = [];
    const options = { dataRoot: env.dataRoot, log: (line: string) => log.push(line) };
    const [first] = await seed({ ...options, only: ["diabetes"] });
    expect(first?.runs.map((run) => run.inferred)).toEqual([20, 20]);
    expect(log.at(-1)).toMatch(/^seed: diabetes done in [\d.]+ s, 40 inferences$/);
    const [second] = await seed({ ...options, only: ["diabetes"] });
    expect(second?.runs.map((run) => run.inferred)).toEqual([0, 0]);
    expect(log.at(-1)).toMatch(/^seed: diabetes done in [\d.]+ s, nothing new to infer$/);
  });

  it("names the examples there are when asked for one that is not", async () => {
    await expect(seed({ dataRoot: env.dataRoot, only: ["mnist"] })).rejects.toThrow(
      "no example named 'mnist' (examples: sentiment, diabetes, digits, faces)",
    );
  });
});
