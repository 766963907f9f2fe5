import { getClient, initialize } from "@assay/sdk";
import { spawnServer } from "@assay/testing/server-process";

import { classification } from "./dataset";
import type { BenchLine } from "./harness";
import { line, medianSeconds, peakRssMb } from "./harness";

const FRAMEWORKS = ["onnx", "torch", "tflite"];

/**
 * The model registry at `n` models (10,000 at full size): one page of the list filtered by a tag (one model in
 * ten) and a metadata field (one in three), against the unfiltered first page.
 */
export async function benchModels(n: number): Promise<BenchLine[]> {
  const server = await spawnServer();
  initialize({ url: server.url, token: server.token });
  try {
    const { Model } = classification;
    const create = async (i: number) =>
      Model.create(`model ${String(i).padStart(5, "0")}`, {
        tags: [`team-${i % 10}`, i % 2 ? "candidate" : "baseline"],
        metadata: {
          framework: FRAMEWORKS[i % 3] as string,
          epochs: i % 50,
          params: { layers: i % 7 },
        },
      });
    // Four requests at a time: registration is not what is measured.
    for (let i = 0; i < n; i += 4) {
      await Promise.all([i, i + 1, i + 2, i + 3].filter((k) => k < n).map(create));
    }
    const client = getClient();
    const list = (filtered: boolean) =>
      client.call((trpc) =>
        trpc.model.list.query({
          limit: 50,
          sort: "-created",
          ...(filtered
            ? {
                tags: ["team-3"],
                metadata: [{ path: "framework", op: "eq" as const, value: "torch" }],
              }
            : {}),
        }),
      );
    await list(false);
    const unfiltered = await medianSeconds(() => list(false));
    const filtered = await medianSeconds(() => list(true));
    const page = await list(true);
    // team-3 is i % 10 = 3, torch is i % 3 = 1: one model in thirty matches both.
    let matching = 0;
    for (let i = 0; i < n; i++) if (i % 10 === 3 && i % 3 === 1) matching++;
    if (page.items.length !== Math.min(50, matching))
      throw new Error(
        `the filtered page holds ${page.items.length} models, not ${Math.min(50, matching)}`,
      );
    return [
      line({
        name: "model list filtered by a tag and a metadata field (a page of 50)",
        n,
        seconds: filtered,
        baselineSeconds: unfiltered,
        baseline: "the unfiltered first page",
        maxSeconds: 0.05,
        peakRssMb: peakRssMb(server.pid),
      }),
    ];
  } finally {
    await server.stop();
  }
}
