import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import {
  ConnectionError,
  initialize,
  iterTestSampleMetrics,
  loadResults,
  test,
  UnauthenticatedError,
} from "@assay/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startBusyProxy } from "../busy-proxy";
import { dummy, dummyGroundTruths, dummySamples } from "../dummy";
import type { ServerProcess } from "../sdk-server";
import { startServerProcess, uniquePrefix } from "../sdk-server";

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());

describe("the SDK's client options", () => {
  it("fails at once, with what to do, when no token is set", async () => {
    const requests: string[] = [];
    initialize({
      url: server.url,
      token: "",
      fetch: (input, init) => {
        requests.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      },
    });
    const attempt = dummy.Model.load("anything");
    await expect(attempt).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(attempt).rejects.toThrow(/no token: set ASSAY_TOKEN .*assay-server token create/);
    expect(requests).toEqual([]);
  });

  it("sends every request through the given fetch, with the given headers", async () => {
    const seen: Headers[] = [];
    initialize({
      url: server.url,
      token: server.token,
      headers: { "x-proxy-auth": "let-me-in" },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    await dummy.Model.create(`${uniquePrefix()} fetched`);
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) {
      expect(headers.get("x-proxy-auth")).toBe("let-me-in");
      expect(headers.get("authorization")).toBe(`Bearer ${server.token}`);
    }
  });

  it("waits as the server's Retry-After says before trying again", async () => {
    const proxy = await startBusyProxy(server.url, { refuse: 1, retryAfterSeconds: 2 });
    try {
      initialize({ url: proxy.url, token: server.token });
      const started = Date.now();
      await dummy.Model.create(`${uniquePrefix()} patient`);
      const [first, second] = proxy.arrivals;
      expect(proxy.refused).toBe(1);
      // Backing off alone would have tried again after 0.75–1 s.
      expect((second as number) - (first as number)).toBeGreaterThanOrEqual(1900);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await proxy.close();
    }
  });

  it("gives up on a request after `timeout`, and stops when its `signal` fires", async () => {
    const proxy = await startBusyProxy(server.url, { hang: true });
    try {
      initialize({ url: proxy.url, token: server.token, timeout: 300, maxRetries: 0 });
      const started = Date.now();
      const timedOut = dummy.Model.load("anything");
      await expect(timedOut).rejects.toBeInstanceOf(ConnectionError);
      await expect(timedOut).rejects.toThrow(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(5_000);

      const controller = new AbortController();
      initialize({ url: proxy.url, token: server.token, signal: controller.signal });
      const aborted = dummy.Model.load("anything");
      setTimeout(() => controller.abort(), 100);
      await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      await proxy.close();
    }
  });

  it("reports progress as test case edits upload and as test() infers", async () => {
    const calls: [number, number | undefined][] = [];
    initialize({
      url: server.url,
      token: server.token,
      onProgress: (done, total) => calls.push([done, total]),
    });
    const prefix = uniquePrefix();
    const samples = dummySamples(prefix, 25_000);
    const truths = dummyGroundTruths(25_000);
    const testCase = await dummy.TestCase.create(`${prefix} big`, {
      testSamples: samples.map((sample, i) => [sample, truths[i]!]),
    });
    // Two full batches stored, then the whole edit.
    expect(calls).toEqual([
      [10_000, undefined],
      [20_000, undefined],
      [25_000, 25_000],
    ]);
    calls.length = 0;
    const suite = await dummy.TestSuite.create(`${prefix} suite`, { testCases: [testCase] });
    const model = await dummy.Model.create(`${prefix} model`, { infer: () => ({ score: 0.5 }) });
    await test(model, suite);
    expect(calls.at(-1)).toEqual([25_000, 25_000]);
  }, 120_000);
});

describe("reading results back", () => {
  it("finds a run by a built-in evaluator's name, and reads every configuration by default", async () => {
    initialize({ url: server.url, token: server.token });
    const prefix = uniquePrefix();
    const samples = dummySamples(prefix, 6);
    const truths = dummyGroundTruths(6);
    const testCase = await dummy.TestCase.create(`${prefix} case`, {
      testSamples: samples.map((sample, i) => [sample, truths[i]!]),
    });
    const suite = await dummy.TestSuite.create(`${prefix} suite`, { testCases: [testCase] });
    const model = await dummy.Model.create(`${prefix} model`, {
      infer: (sample) => ({ score: sample.value / 10 }),
    });
    const spec: BuiltInEvaluatorSpec = {
      name: "regression",
      options: { groundTruthField: "value", inferenceField: "score" },
      configurations: [{ displayName: "all" }, { displayName: "again" }],
    };
    await test(model, suite, spec);

    const byCliName = await loadResults(model, suite, { evaluator: "regression" });
    const byDisplayName = await loadResults(model, suite, { evaluator: "Regression" });
    const withoutName = await loadResults(model, suite);
    expect(byCliName.testCases.map((r) => r.configuration).sort()).toEqual(["again", "all"]);
    expect(byDisplayName).toEqual(byCliName);
    expect(withoutName).toEqual(byCliName);

    const rows: [number, string][] = [];
    for await (const [sample, , , configuration] of iterTestSampleMetrics(model, suite, {
      evaluator: "regression",
    })) {
      rows.push([sample.value, configuration]);
    }
    expect(rows.length).toBe(12);
    expect(new Set(rows.map(([, configuration]) => configuration))).toEqual(
      new Set(["all", "again"]),
    );
  });
});
