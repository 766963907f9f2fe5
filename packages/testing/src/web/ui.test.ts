// @vitest-environment node
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { ServerProcess } from "../server-process";
import { spawnServer } from "../server-process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium, screenshot } from "../browser";
import type { Seeded } from "./seed";
import { seed } from "./seed";
import { buildWeb } from "../web-build";

/**
 * The web UI as a user meets it: the real `assay-server serve` process serving a fresh build of the app, a store seeded
 * through the SDK, and Debian's Chromium. The steps run in order on one page, as one session.
 */
describe("the web UI in Chromium", { timeout: 60_000 }, () => {
  let server: ServerProcess;
  let dataRoot: string;
  let seeded: Seeded;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), "assay-e2e-data-"));
    const webRoot = await buildWeb();
    server = await spawnServer(["--data-root", dataRoot, "--web-root", webRoot]);
    seeded = await seed(server, dataRoot);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  });

  it("refuses a wrong token, then signs in with a real one", async () => {
    await page.goto(server.url);
    const token = page.getByLabel("Token");
    await token.fill("assay_not-a-real-token-at-all-aaaaaaaaaaaaaaaaaaa");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/token/i);
    await token.fill(server.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Models" }).waitFor();
    expect(page.url()).toBe(`${server.url}/models`);
    await screenshot(page, "01-models");
  });

  it("finds a model by tag, with the filter kept in the URL", async () => {
    await page.getByLabel("Filter by tag").fill("candidate");
    await page.getByLabel("Filter by tag").press("Enter");
    await page.getByRole("button", { name: "Remove tag filter candidate" }).waitFor();
    await expect.poll(() => rowNames(page)).toEqual([seeded.models.candidate]);
    expect(new URL(page.url()).searchParams.getAll("tag")).toEqual(["candidate"]);
    // The permalink restores the same view.
    await page.reload();
    await expect.poll(() => rowNames(page)).toEqual([seeded.models.candidate]);
    await screenshot(page, "02-models-by-tag");
  });

  it("edits a model's metadata, refusing invalid JSON, and the change survives a reload", async () => {
    await page.getByRole("link", { name: seeded.models.candidate }).click();
    await page.getByRole("heading", { name: new RegExp(seeded.models.candidate) }).waitFor();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const editor = page.getByLabel("Metadata JSON");
    await editor.fill('{"framework": "onnx",');
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
    await editor.fill('{"framework": "onnx", "epochs": 4, "note": "retrained on wide shapes"}');
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByLabel("Metadata", { exact: true })
      .getByText("retrained on wide shapes")
      .waitFor();
    await page.reload();
    const metadata = await page.getByLabel("Metadata", { exact: true }).textContent();
    expect(JSON.parse(metadata ?? "")).toEqual({
      framework: "onnx",
      epochs: 4,
      note: "retrained on wide shapes",
    });
    await screenshot(page, "03-model-metadata");
  });

  it("opens a test case and draws ground truth and inference boxes over its images", async () => {
    await page.getByRole("link", { name: "Test suites" }).click();
    await page.getByRole("link", { name: seeded.suiteName, exact: true }).click();
    await page.getByRole("link", { name: seeded.testCaseNames[0] }).click();
    await page
      .getByRole("heading", { name: new RegExp(seeded.testCaseNames[0] as string) })
      .waitFor();
    // Ground truth is drawn once each image has loaded (the SVG takes the image's own pixel size).
    await page
      .locator('svg.overlay g[data-source="ground truth"] [data-kind="box"]')
      .first()
      .waitFor();
    await page.getByRole("checkbox", { name: seeded.models.candidate }).check();
    await page
      .locator(`svg.overlay g[data-source="${seeded.models.candidate}"] [data-kind="box"]`)
      .first()
      .waitFor();
    const box = await page
      .locator('svg.overlay g[data-source="ground truth"] rect')
      .first()
      .boundingBox();
    expect(box?.width).toBeGreaterThan(10);
    expect(new URL(page.url()).searchParams.getAll("model")).toHaveLength(1);
    await screenshot(page, "04-gallery-overlays");

    // One sample at full size, with every field; Escape closes it.
    await page.locator(".tile").first().click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('svg.overlay [data-kind="box"]').first().waitFor();
    await dialog.getByRole("heading", { name: "Ground truth" }).waitFor();
    await screenshot(page, "05-sample-detail");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  it("compares two models and marks the significant regression, naming the test", async () => {
    await page.getByRole("link", { name: "Results" }).click();
    await page.getByRole("link", { name: new RegExp(`^${seeded.suiteName} v\\d+$`) }).click();
    await page
      .getByRole("combobox", { name: /^Reference/ })
      .selectOption({ label: seeded.models.reference });
    const cell = page.locator(
      `[data-testid=cell][data-model="${seeded.models.candidate}"][data-metric="accuracy"]`,
    );
    await expect.poll(() => cell.first().getAttribute("title")).toMatch(/McNemar/);
    expect(await cell.first().getAttribute("data-significance")).toBe("regressed");
    expect(await cell.first().getAttribute("class")).toMatch(/significant regressed/);
    // The reference's own cells are never judged.
    const referenceCell = page.locator(
      `[data-testid=cell][data-model="${seeded.models.reference}"][data-metric="accuracy"]`,
    );
    expect(await referenceCell.first().getAttribute("data-significance")).toBeNull();
    expect(new URL(page.url()).searchParams.get("reference")).not.toBeNull();
    await screenshot(page, "06-results-regression");

    // A row opens to its per-class rows and its plots, drawn by the chart library.
    await page.getByRole("button", { name: `Details of ${seeded.testCaseNames[0]}` }).click();
    await page.locator("table.nested").first().waitFor();
    // Named by the evaluator's display name, not the raw key `perClass`.
    expect(await page.locator("table.nested caption").allTextContents()).toContain("Per class");
    await page
      .locator("figure.plot .recharts-surface, figure.plot table.heatmap")
      .first()
      .waitFor();
    await screenshot(page, "07-results-details");
  });

  it("shows the audit log to an admin: the metadata edit, with its before and after", async () => {
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    await page.getByLabel("Filter by action").fill("model.update");
    await expect
      .poll(() => page.locator("tbody td code").allTextContents())
      .toEqual(["model.update"]);
    const row = page.getByRole("row").filter({ hasText: seeded.models.candidate });
    await row.locator("summary").click();
    const after = row.getByLabel(/^After change/);
    await after.getByText("retrained on wide shapes").waitFor();
    expect(await row.getByLabel(/^Before change/).textContent()).not.toContain("retrained");
    // The edit was made in the web UI, signed in with the bootstrap admin token.
    expect(await row.getByRole("cell").nth(1).textContent()).toBe("bootstrap");
    await screenshot(page, "08-audit-log");
  });

  it("signs out", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Token").waitFor();
    await page.reload();
    await page.getByLabel("Token").waitFor();
  });
});

async function rowNames(page: Page): Promise<string[]> {
  return page.locator("table.table tbody tr td:first-child").allTextContents();
}
