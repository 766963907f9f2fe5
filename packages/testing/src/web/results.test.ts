// @vitest-environment node
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { seriousAxeViolations } from "../axe";
import { launchChromium, screenshot } from "../browser";
import type { ServerProcess } from "../server-process";
import { spawnServer } from "../server-process";
import { signIn } from "../sign-in";
import { buildWeb } from "../web-build";
import { READING_MODELS, seedReadings } from "./results-seed";
import { seed } from "./seed";

/**
 * What the checks read of an element in the page, typed here (this package has no DOM types): Playwright passes
 * the element to the function, which runs in the page.
 */
interface PageElement {
  tagName: string;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  dataset: Record<string, string | undefined>;
  ownerDocument: {
    activeElement: unknown;
    defaultView: { getComputedStyle(e: unknown): { backgroundColor: string; fill: string } } | null;
  };
  scrollBy(options: { left: number }): void;
}

/**
 * The results page as a user meets it, at 1440×900: every number a link to the samples behind it (checked by
 * following it to the gallery and reading its "N of M samples match"), and the page's listed bugs. Seeded
 * through the SDK: the shapes suite (classification: `candidate-net` wrong on 32 of 80, all of them wide
 * shapes predicted square) and a regression suite with three long-named models.
 */
describe("the results page in Chromium", { timeout: 90_000 }, () => {
  let server: ServerProcess;
  let dataRoot: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), "assay-e2e-results-"));
    const webRoot = await buildWeb();
    server = await spawnServer(["--data-root", dataRoot, "--web-root", webRoot]);
    await seed(server, dataRoot);
    await seedReadings(server);
    browser = await launchChromium();
    // A context of its own: axe-core's runner refuses pages made by `browser.newPage()`.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, server.url, server.token);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  });

  /** The results of a suite by its name, with a query added (`&metric=…`). */
  async function openResults(suite: string, query = "") {
    await page.goto(`${server.url}/results`);
    const link = page.getByRole("link", { name: new RegExp(`^${suite} v\\d+$`) });
    const href = (await link.getAttribute("href")) ?? "";
    await page.goto(`${server.url}${href}${query}`);
    await page.locator('[role="grid"][data-ready]').waitFor();
  }
  const cell = (testCase: string, model: string, metric: string) =>
    page.locator(`[data-test-case="${testCase}"] [data-model="${model}"][data-metric="${metric}"]`);
  const matching = () => page.getByText(/ of \d+ samples match$/).textContent();
  const pageOverflow = () =>
    // A string: this package's types have no DOM (the expression runs in the page).
    page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");

  /** Follows a drill-down link and returns its gallery URL, once the gallery shows `count` matching samples. */
  async function follow(link: ReturnType<Page["locator"]>, count: string) {
    await link.click();
    await page.waitForURL(/\/test-cases\/\d+\?/);
    await expect.poll(matching).toBe(`${count} samples match`);
    return new URL(page.url());
  }

  it("links a matrix cell to its model's failing samples, and the gallery shows that many", async () => {
    await openResults("shapes");
    const link = cell("all shapes", "candidate-net", "accuracy").getByRole("link");
    await expect.poll(() => link.getAttribute("data-claim")).toBe("32 wrong of 80");
    expect(await link.getAttribute("title")).toMatch(
      /^32 wrong of 80: open candidate-net's samples/,
    );
    // Reachable by keyboard: a real link in the tab order.
    await link.focus();
    expect(
      await link.evaluate((a: PageElement) => a === a.ownerDocument.activeElement && a.tagName),
    ).toBe("A");
    const url = await follow(link, "32 of 80");
    expect(url.searchParams.getAll("model")).toHaveLength(1);
    expect(url.searchParams.getAll("f")).toEqual([
      expect.stringMatching(/^metrics@\d+:\|correct\|eq\|false$/),
    ]);
    expect(url.searchParams.get("suite")).toMatch(/^\d+$/);
  });

  it("opens a row's details with Enter, keeps them in the URL, and links a per-class row", async () => {
    await openResults("shapes");
    const row = page.locator('[data-test-case="all shapes"]');
    await row.focus();
    await page.keyboard.press("Enter");
    const table = page.getByRole("table", { name: "Per class" });
    await table.waitFor();
    await page.locator("table.heatmap a.drill").first().waitFor();
    await screenshot(page, "results-shapes-details");
    expect(new URL(page.url()).searchParams.get("open")).toMatch(/^\d+$/);
    // Display names, not keys.
    expect(await table.locator("thead").textContent()).toContain("Recall");
    expect(await page.getByText("perClass", { exact: true }).count()).toBe(0);
    const recall = table.locator(
      '[data-row="wide"] [data-model="candidate-net"][data-column="recall"] a',
    );
    expect(await recall.getAttribute("data-claim")).toBe("40 samples of wide");
    const url = await follow(recall, "40 of 80");
    expect(url.searchParams.getAll("f")).toEqual([
      expect.stringMatching(/^metrics@\d+:\|label\|eq\|"wide"$/),
    ]);
    // Back on the results, the details are still open: they are in the URL.
    await page.goBack();
    await page.getByRole("table", { name: "Per class" }).waitFor();
  });

  it("links a confusion-matrix cell to the samples of that actual and predicted class", async () => {
    const heatmap = page.locator('table.heatmap[data-model="candidate-net"]');
    const wide = heatmap.locator("tbody tr", { has: page.locator('th:text-is("wide")') });
    await wide.locator("a[data-claim]").first().waitFor();
    expect(
      await wide
        .locator("a[data-claim]")
        .evaluateAll((links: PageElement[]) => links.map((a) => a.dataset.claim)),
    ).toEqual(["32 wide predicted as square", "8 wide predicted as wide"]);
    const link = wide.locator('a[data-claim="32 wide predicted as square"]');
    const url = await follow(link, "32 of 80");
    expect(url.searchParams.getAll("f")).toEqual([
      expect.stringMatching(/^metrics@\d+:\|label\|eq\|"wide"$/),
      expect.stringMatching(/^metrics@\d+:\|predicted\|eq\|"square"$/),
    ]);
  });

  it("draws residuals of every model on one ordered axis, each bin a link to its samples", async () => {
    await openResults("readings");
    const row = page.locator('[data-test-case="all readings"]');
    await row.focus();
    await page.keyboard.press(" ");
    const histogram = page.locator('[data-plot-type="PLOT/HISTOGRAM"]');
    await histogram.locator("a.bin").first().waitFor();
    const ticks = (await histogram.locator("text.tick").allTextContents()).slice(0, 6);
    const values = ticks.map((tick) => Number(tick.replace("−", "-").replace(/,/g, "")));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeLessThan(0);
    // The model's colour is the one of its column header.
    const model = READING_MODELS[2];
    const header = page.locator('[role="columnheader"]', { hasText: model }).first();
    const swatch = await header
      .locator(".swatch")
      .evaluate(
        (e: PageElement) => e.ownerDocument.defaultView?.getComputedStyle(e).backgroundColor,
      );
    const bars = histogram.locator(`[data-series="${model}"] rect`).first();
    const fill = await bars.evaluate(
      (e: PageElement) => e.ownerDocument.defaultView?.getComputedStyle(e).fill,
    );
    expect(fill).toBe(swatch);
    const bin = histogram.locator(`[data-series="${model}"] a.bin`).first();
    const claim = (await bin.getAttribute("data-claim")) ?? "";
    const count = /^(\d+) samples with residual/.exec(claim)?.[1];
    expect(count).toBeDefined();
    const url = await follow(bin, `${count} of 30`);
    expect(url.searchParams.getAll("f")).toEqual([
      expect.stringMatching(/^metrics@\d+:\|residual\|gte\|-?[\d.e-]+$/),
      expect.stringMatching(/^metrics@\d+:\|residual\|lte?\|-?[\d.e-]+$/),
    ]);
  });

  it("links a point of the error curve to the samples with an error at most its x", async () => {
    await openResults("readings");
    await page.locator('[data-test-case="all readings"]').focus();
    await page.keyboard.press("Enter");
    const curve = page.locator('[data-plot-type="PLOT/CURVE"]');
    const points = curve.locator("a.point");
    await points.first().waitFor();
    // Every model's curve is linked, point by point.
    expect(await points.count()).toBe(3 * 30);
    const point = points.nth(40);
    const claim = (await point.getAttribute("data-claim")) ?? "";
    const count = /^(\d+) samples with absoluteError ≤ /.exec(claim)?.[1];
    expect(count).toBeDefined();
    const url = await follow(point, `${count} of 30`);
    expect(url.searchParams.getAll("f")).toEqual([
      expect.stringMatching(/^metrics@\d+:\|absoluteError\|lte\|[\d.e-]+$/),
    ]);
  });

  it("fits 4 metrics × 3 models in 1440 px: the matrix scrolls in its own box, names whole", async () => {
    const metrics = ["mae", "rmse", "r2", "meanResidual"].map((m) => `&metric=${m}`).join("");
    await openResults("readings", metrics);
    await cell("all readings", READING_MODELS[0], "mae").getByRole("link").waitFor();
    expect(await pageOverflow()).toBeLessThanOrEqual(0);
    const grid = page.locator('[role="grid"]');
    expect(await grid.evaluate((g: PageElement) => g.scrollWidth > g.clientWidth)).toBe(true);
    const headers = page.locator('[role="columnheader"].column');
    const first = headers.filter({ hasText: READING_MODELS[0] }).first();
    expect(await first.getAttribute("title")).toBe(`Mean absolute error of ${READING_MODELS[0]}`);
    // The whole model name is on screen, not cut with an ellipsis.
    const name = first.locator(".model");
    expect(await name.textContent()).toContain(READING_MODELS[0]);
    expect(await name.evaluate((e: PageElement) => e.scrollHeight <= e.clientHeight + 1)).toBe(
      true,
    );
    // One number format per metric column: the same decimals for every model.
    for (const metric of ["mae", "r2"]) {
      const texts = await Promise.all(
        READING_MODELS.map(async (model) => {
          const link = cell("all readings", model, metric).getByRole("link");
          return (await link.textContent()) ?? "";
        }),
      );
      const decimals = texts.map((text) => text.split(".")[1]?.length ?? 0);
      expect(new Set(decimals).size, texts.join(" ")).toBe(1);
    }
    // Scrolled sideways, the test case names stay in view.
    await grid.evaluate((g: PageElement) => g.scrollBy({ left: 800 }));
    const lead = page.locator('[data-test-case="all readings"] .lead');
    expect((await lead.boundingBox())?.x).toBeGreaterThanOrEqual(0);
    // Details open: still no page overflow, and axe finds nothing serious.
    await page.locator('[data-test-case="all readings"]').focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-plot-type="PLOT/HISTOGRAM"] a.bin').first().waitFor();
    expect(await pageOverflow()).toBeLessThanOrEqual(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "results-readings-details");
  });

  it("keeps an empty model choice empty, and says so for a model that does not exist", async () => {
    await openResults("readings");
    for (const model of READING_MODELS) await page.getByRole("checkbox", { name: model }).uncheck();
    await page.getByText(/No model chosen/).waitFor();
    for (const model of READING_MODELS)
      expect(await page.getByRole("checkbox", { name: model }).isChecked()).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto(page.url().replace(/models=[^&]*/, "models=999"));
    await page.getByText(/No such model tested on this version: #999/).waitFor();
    expect(await page.getByRole("status").count()).toBe(0);
  });
});
