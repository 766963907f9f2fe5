import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { emitClientRouter, SDK_COPY } from "./emit-client-router";

describe("the SDK's copy of the router's types", () => {
  it("is what the router emits today (else: pnpm --filter @assay/api emit:client-router)", async () => {
    expect(readFileSync(SDK_COPY, "utf8")).toBe(await emitClientRouter());
  }, 60_000);
});
