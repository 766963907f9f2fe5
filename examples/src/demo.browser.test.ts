import {
  buildWeb,
  docsScreenshot,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  signIn,
} from "@assay/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { seed } from "./seed";
import type { ExampleServer } from "./testing";
import { startExampleServer } from "./testing";

/**
 * The demo as a user first meets it: the examples seeded into a real server (sentiment and digits; faces needs
 * minutes of CPU and has its own test), then the results and gallery pages in Debian's Chromium.
 */
/** Every scrolled box of the page and the page itself to their ends (run in the page: no DOM types here). */
const SCROLL_TO_END = `for (const el of document.querySelectorAll("*"))
  if (el.scrollHeight > el.clientHeight + 10) el.scrollTop = el.scrollHeight;
window.scrollTo(0, document.body.scrollHeight);`;

describe("the demo registry in the browser", () => {
  let env: ExampleServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    env = await startExampleServer(["--web-root", await buildWeb()]);
    await seed({ dataRoot: env.dataRoot, only: ["sentiment", "digits"], log: () => undefined });
    browser = await launchChromium();
    // A context of its own: axe-core opens pages in it to check frames.
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, env.server.url, env.server.token);
  });

  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  it("compares the sentiment models per site, with AFINN's published accuracies", async () => {
    await page.getByRole("link", { name: "Results" }).click();
    await page.getByRole("link", { name: /^sentiment v\d+$/ }).click();
    await page.getByRole("combobox", { name: /^Reference/ }).selectOption({ label: "afinn-165" });
    const accuracy = (site: string) =>
      page
        .locator(
          `[data-test-case="sentiment: ${site}"] [data-model="afinn-165"][data-metric="accuracy"]`,
        )
        .first();
    for (const [site, value] of [
      ["amazon", "0.726"],
      ["imdb", "0.765"],
      ["yelp", "0.696"],
    ] as const) {
      await expect.poll(() => accuracy(site).textContent()).toBe(value);
    }
    // Every other model is judged against AFINN, naming the test.
    const wink = page.locator(
      '[data-test-case="sentiment: amazon"] [data-model="wink-sentiment"][data-metric="accuracy"]',
    );
    await expect.poll(() => wink.getAttribute("title")).toMatch(/vs reference: .*McNemar/);
    await docsScreenshot(page, "results-sentiment");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("opens AFINN's 274 mistakes on amazon from its accuracy, in the gallery", async () => {
    const link = page
      .locator(
        '[data-test-case="sentiment: amazon"] [data-model="afinn-165"][data-metric="accuracy"]',
      )
      .first()
      .getByRole("link");
    expect(await link.getAttribute("data-claim")).toBe("274 wrong of 1,000");
    await link.click();
    await page.waitForURL(/\/test-cases\/\d+\?/);
    expect(new URL(page.url()).searchParams.getAll("f")).toEqual([
      expect.stringMatching(/^metrics@\d+:[^|]*\|correct\|eq\|false$/),
    ]);
    // The gallery loads 120 samples a page ("120+ of 1,000"): scroll until it has them all.
    await expect
      .poll(async () => {
        await page.evaluate(SCROLL_TO_END);
        return page.getByText(/ of [\d,]+ samples match$/).textContent();
      })
      .toBe("274 of 1,000 samples match");
    await page.goBack();
  });

  it("shows the digits as images with their labels in the gallery", async () => {
    await page.getByRole("link", { name: "Test suites" }).click();
    await page.getByRole("link", { name: "digits-by-class", exact: true }).click();
    await page.getByRole("link", { name: "digits: class 3", exact: true }).click();
    await page.getByRole("checkbox", { name: "knn-k5" }).check();
    const tile = page.locator(".tile").first();
    await tile.locator("img").waitFor();
    await expect
      .poll(() =>
        tile.locator("img").evaluate((img) => (img as { naturalWidth: number }).naturalWidth),
      )
      .toBe(64);
    // Ground truth and the model's label, as chips on each tile.
    await expect
      .poll(() => tile.locator(".chip").allTextContents())
      .toEqual(expect.arrayContaining(["3"]));
    expect(await page.locator(".tile").count()).toBeGreaterThan(5);
    await screenshot(page, "demo-gallery-digits");
  });

  it("shows a model's latest results per suite, and a suite's test cases with its distinct samples", async () => {
    await page.getByRole("link", { name: "Models" }).click();
    await page.getByRole("link", { name: "knn-k5", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("knn-k5");
    // Its headline on the digits suite: scikit-learn's published accuracy for this split.
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 20_000 })
      .toMatch(/digits-by-class/);
    await docsScreenshot(page, "model-knn-k5");
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Test suites" }).click();
    await page.getByRole("link", { name: "digits-by-class", exact: true }).click();
    // All 180 images, and the same images again one test case per digit: each counted once.
    await expect.poll(() => page.locator("main").textContent()).toMatch(/180 samples/);
    await docsScreenshot(page, "suite-digits");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
