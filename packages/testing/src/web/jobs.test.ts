// @vitest-environment node
/**
 * Evaluations under way, as a user sees them in the web UI: two server-side evaluations started by scripts (one
 * running, one queued behind it), each named with its model and suite and showing its progress, and cancelled
 * from the page; the scripts waiting on them are told.
 */
import type { BuiltInEvaluatorSpec } from "@assay/sdk";
import { initialize, test } from "@assay/sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium } from "../browser";
import { StoreReader, waitFor } from "../crash";
import {
  classificationSpec as spec,
  fourInFive as infer,
  imageClassification,
  labeledImages,
} from "../image-classification";
import { uniquePrefix } from "../sdk-server";
import type { ServerProcess } from "../server-process";
import { spawnServer } from "../server-process";
import { signIn } from "../sign-in";
import { buildWeb } from "../web-build";

const images = imageClassification("Jobs in the web UI");
// Forty thresholds: an evaluation that takes a while, so that there is time to watch it and cancel it.
const slow: BuiltInEvaluatorSpec = {
  name: "classification",
  configurations: Array.from({ length: 40 }, (_, k) => ({
    displayName: `t=${(k + 1) / 41}`,
    threshold: (k + 1) / 41,
  })),
};
const N = 200_000;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await spawnServer(["--web-root", await buildWeb()]);
  initialize({ url: server.url, token: server.token });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  await signIn(page, server.url, server.token);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("evaluations under way in the web UI", () => {
  it("shows each with its model, suite and progress, and cancels them", async () => {
    const prefix = uniquePrefix();
    const testCase = await images.TestCase.create(`${prefix} tc`, {
      testSamples: labeledImages(prefix, N),
    });
    const suite = await images.TestSuite.create(`${prefix} suite`, { testCases: [testCase] });
    const first = await images.Model.create(`${prefix} first`, { infer });
    const second = await images.Model.create(`${prefix} second`, { infer });
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => "finished",
        (error: unknown) => String(error),
      );
    // Inferred and uploaded first, so that the evaluations below start as soon as they are asked for.
    await Promise.all(
      [first, second].map((model) => test(model, suite, spec, { progress: false })),
    );
    // The server runs one evaluation at a time: the second waits in the queue while the first runs.
    const running = outcome(test(first, suite, slow, { progress: false }));
    const store = new StoreReader(server.dir);
    const jobOf = (model: string) => () => store.latestJob(model)?.status;
    await waitFor(jobOf(first.name), (status) => status === "running", {
      intervalMs: 5,
      timeoutMs: 60_000,
      what: "the first evaluation under way",
    });
    const queued = outcome(test(second, suite, slow, { progress: false }));
    await waitFor(jobOf(second.name), (status) => status === "queued", {
      intervalMs: 5,
      timeoutMs: 60_000,
      what: "the second evaluation queued",
    });

    const jobs = page.getByRole("region", { name: "Evaluations under way" });
    const row = (model: string) => jobs.getByRole("listitem").filter({ hasText: model });
    await page.reload();
    await row(second.name).getByText("queued").waitFor();
    await expect
      .poll(() => row(first.name).textContent())
      .toMatch(
        new RegExp(
          `Evaluating ${escape(first.name)} on ${escape(suite.name)} v1 \\(classification\\)\\s*\\d+%`,
          "i",
        ),
      );
    expect(await row(first.name).getByRole("progressbar").count()).toBe(1);

    await row(second.name).getByRole("button", { name: "Cancel" }).click();
    await row(second.name).waitFor({ state: "detached" });
    expect(await queued).toMatch(/cancel/i);

    await row(first.name).getByRole("button", { name: "Cancel" }).click();
    await jobs.waitFor({ state: "detached", timeout: 30_000 });
    expect(await running).toMatch(/cancel/i);
    store.db.$client.close();
  }, 180_000);
});
