// @vitest-environment node
/// <reference lib="dom" />
/**
 * The gallery as a user meets it after a drill-down: the real server, a store seeded through the SDK with known
 * mistakes (gallery-seed.ts), and Debian's Chromium. Every assertion is on what the page shows: counts, colours
 * (computed strokes), URLs, focus.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { seriousAxeViolations } from "../axe";
import { launchChromium, screenshot } from "../browser";
import { StoreReader } from "../crash";
import type { ServerProcess } from "../server-process";
import { spawnServer } from "../server-process";
import { signIn } from "../sign-in";
import { buildWeb } from "../web-build";
import type { GallerySeed } from "./gallery-seed";
import { seedGallery } from "./gallery-seed";

let server: ServerProcess;
let dataRoot: string;
let seeded: GallerySeed;
let store: StoreReader;
let browser: Browser;
let page: Page;
const ids = { testCase: 0, textCase: 0, suite: 0, a: 0, b: 0, detection: 0, classification: 0 };
let classificationConfig = "";

beforeAll(async () => {
  dataRoot = mkdtempSync(join(tmpdir(), "assay-gallery-"));
  server = await spawnServer(["--data-root", dataRoot, "--web-root", await buildWeb()]);
  seeded = await seedGallery(server, dataRoot);
  store = new StoreReader(server.dir);
  const id = (query: string, ...params: unknown[]) => store.value(query, ...params);
  const latest = (name: string) =>
    id(
      `SELECT v.id FROM test_case_versions v JOIN test_cases c ON c.id = v.test_case_id
       WHERE c.name = ? AND v.version = c.latest_version`,
      name,
    );
  ids.testCase = latest(seeded.testCaseName);
  ids.textCase = latest(seeded.textCaseName);
  ids.suite = id(
    `SELECT v.id FROM test_suite_versions v JOIN test_suites s ON s.id = v.test_suite_id
     WHERE s.name = ? ORDER BY v.version DESC LIMIT 1`,
    seeded.suiteName,
  );
  ids.a = id("SELECT id FROM models WHERE name = 'detector-a'");
  ids.b = id("SELECT id FROM models WHERE name = 'detector-b'");
  const run = (evaluator: string) =>
    id(
      "SELECT id FROM test_runs WHERE model_id = ? AND test_suite_version_id = ? AND evaluator LIKE ?",
      ids.a,
      ids.suite,
      `%${evaluator}%`,
    );
  ids.detection = run("etection");
  ids.classification = run("lassification");
  classificationConfig =
    store.rows<{ configuration: string }>(
      "SELECT DISTINCT configuration FROM sample_metrics WHERE test_run_id = ?",
      ids.classification,
    )[0]?.configuration ?? "";
  browser = await launchChromium();
  // A context of its own: axe-core opens pages in it to check frames.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on("pageerror", (error) => console.error("page error:", error));
  await signIn(page, server.url, server.token);
}, 300_000);

afterAll(async () => {
  store?.db.$client.close();
  await browser?.close();
  await server?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

/** The gallery permalink `galleryHref` writes (lib/links.ts), built the same way. */
function gallery(query: { model?: number[]; f?: string[]; suite?: number; extra?: string }) {
  const params = new URLSearchParams();
  if (query.suite !== undefined) params.append("suite", String(query.suite));
  for (const m of query.model ?? []) params.append("model", String(m));
  for (const f of query.f ?? []) params.append("f", f);
  return `${server.url}/test-cases/${ids.testCase}?${params.toString()}${query.extra ?? ""}`;
}
const tiles = () => page.locator(".tile");
const summary = () => page.getByTestId("match-summary").textContent();

describe("the gallery after a drill-down", { timeout: 120_000 }, () => {
  it("reads the permalink: models, filter, suite breadcrumb, and the count and sum it claims", async () => {
    const filter = `metrics@${ids.detection}:IoU 0.5|countFN|gt|0`;
    await page.goto(gallery({ model: [ids.a], f: [filter], suite: ids.suite }));
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    await crumbs.getByRole("link", { name: `${seeded.suiteName} v1` }).waitFor();
    expect((await crumbs.textContent())?.replace(/\s+/g, " ").trim()).toBe(
      `Test suites / ${seeded.suiteName} v1 / ${seeded.testCaseName}`,
    );
    expect(await crumbs.getByRole("link", { name: "Test suites" }).getAttribute("href")).toBe(
      "/suites",
    );
    // 10 samples miss a box; the first three miss two: 13 FN, as the evaluator stored them.
    await expect.poll(summary).toMatch(/^10 of 20 samples match · 13 FN on 10 samples/);
    const stored = store.value(
      "SELECT sum(json_extract(metrics_json, '$.countFN')) FROM sample_metrics WHERE test_run_id = ? AND configuration = 'IoU 0.5'",
      ids.detection,
    );
    expect(stored).toBe(13);
    await expect.poll(() => tiles().count()).toBe(10);
    // The chip names the model, suite version and configuration of the run.
    await page
      .getByRole("button", {
        name: "Remove filter detector-a · boxes v1 · Object Detection: IoU 0.5 metric: countFN > 0",
      })
      .waitFor();
    expect(await page.getByRole("checkbox", { name: "detector-a" }).isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "gallery-drill-down");
  });

  it("takes the classification evaluator's per-sample fields as filters, and marks wrong classes on tiles", async () => {
    const at = `metrics@${ids.classification}:${classificationConfig}`;
    await page.goto(gallery({ model: [ids.a], f: [`${at}|correct|eq|false`], suite: ids.suite }));
    await expect.poll(summary).toMatch(/^3 of 20 samples match/);
    await expect
      .poll(() => page.locator(".tile .mark.mistake").allTextContents())
      .toEqual([
        "1 FP · 2 FN · predicted cat",
        "1 FP · 1 FN · predicted cat",
        "1 FP · 1 FN · predicted cat",
      ]);
    await page.goto(gallery({ model: [ids.a], f: [`${at}|label|eq|"dog"`] }));
    await expect.poll(summary).toMatch(/^10 of 20 samples match/);
    await page.goto(gallery({ model: [ids.a], f: [`${at}|predicted|eq|"cat"`] }));
    await expect.poll(summary).toMatch(/^13 of 20 samples match/);
  });

  // detector-b was tested on another suite, not holding this test case: it has no run to offer.
  it("offers metric filters by model, suite version and configuration, choosing none for the user", async () => {
    await page.goto(gallery({ model: [ids.a, ids.b] }));
    await page.getByLabel("Filter on").selectOption("metrics");
    const runs = page.getByLabel("Test run");
    await expect
      .poll(() => runs.locator("option").allTextContents())
      .toEqual([
        "choose a run…",
        `detector-a · boxes v1 · Classification${classificationConfig ? `: ${classificationConfig}` : ""}`,
        "detector-a · boxes v1 · Object Detection: IoU 0.5",
      ]);
    expect(await runs.inputValue()).toBe("");
    await page.getByLabel("Field").fill("countFP");
    await page.getByLabel("Comparison").selectOption("gt");
    await page.getByLabel("Value").fill("0");
    const add = page.getByRole("button", { name: "Add filter" });
    expect(await add.isDisabled()).toBe(true);
    await runs.selectOption({ label: "detector-a · boxes v1 · Object Detection: IoU 0.5" });
    await add.click();
    await expect.poll(summary).toMatch(/^8 of 20 samples match · 8 FP on 8 samples/);
    expect(new URL(page.url()).searchParams.getAll("f")).toEqual([
      `metrics@${ids.detection}:IoU 0.5|countFP|gt|0`,
    ]);
  });

  it("draws each layer in its colour, TP solid, FP dashed, FN dotted, with a legend and toggles", async () => {
    await page.goto(gallery({ model: [ids.a], suite: ids.suite }));
    const first = page.locator(".tile[data-sample-id]").first();
    const layer = first.locator('svg.overlay g[data-source="detector-a"]');
    await layer.locator('[data-match="fp"] rect').first().waitFor();
    const stroke = (selector: string) =>
      first
        .locator(selector)
        .first()
        .evaluate((el) => {
          const style = getComputedStyle(el);
          return { color: style.stroke, dash: style.strokeDasharray };
        });
    // detector-a's colour (modelColor) for its boxes; a miss is dotted, a false positive dashed.
    const color = await stroke('g[data-source="detector-a"] [data-match="fp"] rect');
    expect(color.color).toMatch(/^rgb\(/);
    expect(color.dash).toMatch(/^6(px)?,? 4(px)?$/);
    const missed = await stroke('g[data-source="detector-a"] [data-match="fn"] rect');
    expect(missed.color).toBe(color.color);
    expect(missed.dash).toMatch(/^2(px)?,? 3(px)?$/);
    // Ground truth in white over a dark outline.
    const truth = first.locator('g[data-source="ground truth"] [data-kind="box"] rect');
    expect(await truth.nth(1).evaluate((el) => getComputedStyle(el).stroke)).toBe(
      "rgb(255, 255, 255)",
    );
    expect(await truth.nth(0).evaluate((el) => getComputedStyle(el).stroke)).toBe(
      "rgb(29, 33, 39)",
    );
    // The legend's swatch is the model's colour, and its line styles are named.
    const legendSwatch = page.locator('.legend [data-layer="' + ids.a + '"] .swatch').first();
    expect(await legendSwatch.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      color.color,
    );
    await page.getByText("false positive", { exact: true }).first().waitFor();
    await page.getByText("missed (false negative)", { exact: true }).first().waitFor();
    // The first tile is sample 0: one box on nothing, two ground truths missed.
    expect(await first.locator(".mark.mistake").textContent()).toBe("1 FP · 2 FN");
    // A layer switched off leaves the overlay, and the URL says so.
    await page.locator(".legend").getByRole("button", { name: "detector-a" }).click();
    await expect.poll(() => layer.count()).toBe(0);
    expect(new URL(page.url()).searchParams.getAll("hide")).toEqual([String(ids.a)]);
    await page.locator(".legend").getByRole("button", { name: "detector-a" }).click();
    await expect.poll(() => layer.count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "gallery-overlays");
  });

  it("re-counts TP / FP / FN at a confidence threshold, equal to the evaluator's at its own", async () => {
    await page.goto(gallery({ model: [ids.a], suite: ids.suite }));
    const counts = page.locator(`[data-testid="match-counts"][data-model="${ids.a}"]`);
    const read = async () =>
      (await counts.textContent())
        ?.replace(/\s+/g, " ")
        .replace(/^.*?: /, "")
        .trim();
    // The evaluator's decisions as stored, summed over the 20 samples.
    await expect.poll(read).toBe("10 TP · 8 FP · 13 FN");
    const sum = (field: string) =>
      store.value(
        `SELECT sum(json_extract(metrics_json, '$.${field}')) FROM sample_metrics WHERE test_run_id = ? AND configuration = 'IoU 0.5'`,
        ids.detection,
      );
    expect([sum("countTP"), sum("countFP"), sum("countFN")]).toEqual([10, 8, 13]);
    const slider = page.getByLabel("Confidence threshold");
    // Lower: the four boxes at 0.4 become true positives.
    await slider.fill("0.3");
    await expect.poll(() => new URL(page.url()).searchParams.get("t")).toBe("0.30");
    await expect.poll(read).toBe("14 TP · 8 FP · 9 FN");
    // Matched again in the browser at the evaluator's own threshold: the counts it stored.
    await slider.fill("0.5");
    await expect.poll(() => new URL(page.url()).searchParams.get("t")).toBe("0.50");
    await expect.poll(read).toBe("10 TP · 8 FP · 13 FN");
    // Higher: the boxes on nothing (0.7 and 0.8) are gone, and the tile of sample 0 says so.
    await slider.fill("0.85");
    await expect.poll(read).toBe("10 TP · 0 FP · 13 FN");
    await expect
      .poll(() => page.locator(".tile").first().locator(".mark.mistake").textContent())
      .toBe("2 FN");
    await page.reload();
    await expect.poll(read).toBe("10 TP · 0 FP · 13 FN");
    await page.getByRole("button", { name: /^Back to the evaluator/ }).click();
    await expect.poll(read).toBe("10 TP · 8 FP · 13 FN");
    expect(new URL(page.url()).searchParams.get("t")).toBeNull();
  });

  it("marks a missing inference instead of showing nothing", async () => {
    // detector-b was tested on the second half only: the first ten images have no inference of it.
    await page.goto(gallery({ model: [ids.b] }));
    await expect.poll(() => page.locator(".tile .mark.missing").count()).toBe(10);
    expect(await page.locator(".tile .mark.missing").first().textContent()).toBe(
      "no inference · detector-b",
    );
  });

  it("opens a sample in a modal that keeps focus, shows each model's metrics once, and gives focus back", async () => {
    await page.goto(gallery({ model: [ids.a], suite: ids.suite }));
    const grid = page.getByRole("grid", { name: "Samples" });
    await page.locator(".tile").first().waitFor();
    await grid.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("sample")).not.toBeNull();
    const dialog = page.getByRole("dialog", { name: /^Sample \d+$/ });
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByRole("heading", { name: /^Metrics:/ }).allTextContents())
      // Each of the model's runs once (not once per configuration of the run).
      .toEqual([
        "Metrics: detector-a · boxes v1 · Classification",
        "Metrics: detector-a · boxes v1 · Object Detection: IoU 0.5",
      ]);
    // Tab after Tab, focus stays inside the dialog.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    // Captions keep one screen size on the 96-pixel image shown at 500: a 12 px font (its box, with the outline,
    // about 20 px), where a size in image pixels would have grown five times.
    const caption = dialog.locator("svg.overlay g.captions text").first();
    await caption.waitFor();
    const height = (await caption.boundingBox())?.height ?? 0;
    expect(height).toBeGreaterThan(8);
    expect(height).toBeLessThanOrEqual(24);
    // The labels switch hides them.
    await dialog.getByRole("button", { name: "Labels" }).click();
    await expect.poll(() => dialog.locator("svg.overlay g.captions text").count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("labels")).toBe("0");
    await dialog.getByRole("button", { name: "Labels" }).click();
    await caption.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, "gallery-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Samples",
    );
  });

  it("shows text tiles whole from their first letter, and long text readable with its fields", async () => {
    await page.goto(`${server.url}/test-cases/${ids.textCase}`);
    const tile = page.locator(".tile").first();
    await tile.locator(".sample.text p").waitFor();
    const box = await tile.locator(".sample.text p").boundingBox();
    const check = await tile.locator("input.select").boundingBox();
    expect(box && check && box.y >= check.y + check.height).toBe(true);
    expect(await tile.locator(".sample.text p").textContent()).toBe(seeded.texts[0]);
    await page.locator(".tile").nth(1).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("table", { name: "Test sample fields" }).waitFor();
    expect(await dialog.getByRole("rowheader", { name: "text" }).count()).toBe(1);
    expect(await dialog.locator(".sample.text p").textContent()).toBe(seeded.texts[1]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  it("makes a new test case from a selection with a form, showing the server's refusal in it", async () => {
    await page.goto(gallery({}));
    await page
      .getByRole("checkbox", { name: /^Select sample/ })
      .nth(0)
      .check();
    await page
      .getByRole("checkbox", { name: /^Select sample/ })
      .nth(1)
      .check();
    await page.getByRole("button", { name: "New test case from selection" }).click();
    const form = page.getByRole("dialog", { name: "New test case from selection" });
    await form.waitFor();
    expect(await form.getByRole("button", { name: "Create test case" }).isDisabled()).toBe(true);
    await form.getByLabel("Name").fill(seeded.testCaseName);
    await form.getByRole("button", { name: "Create test case" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toMatch(/already exists/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await form.getByLabel("Name").fill("two boxes");
    await form.getByLabel(/^Description/).fill("picked in the gallery");
    await form.getByRole("button", { name: "Create test case" }).click();
    await page.getByRole("heading", { name: /^two boxes/ }).waitFor();
    await expect.poll(() => page.locator(".tile").count()).toBe(2);
    await page.getByText("picked in the gallery").first().waitFor();
  });
});
