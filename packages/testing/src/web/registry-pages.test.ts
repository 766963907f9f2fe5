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
import { buildWeb } from "../web-build";
import { seedRegistry } from "./registry-seed";
import type { Seeded } from "./seed";
import { seed } from "./seed";

/**
 * The registry's pages as a user meets them (issue 16): not-found pages, focus after navigation, the models
 * table's metadata filter, columns and headline metric, a model's results and trend, and the suites' search,
 * descriptions, sample counts and version diffs. One session on one page, the steps in order.
 */
describe("the registry pages in Chromium", { timeout: 90_000 }, () => {
  let server: ServerProcess;
  let dataRoot: string;
  let seeded: Seeded;
  let browser: Browser;
  let page: Page;
  /** JavaScript errors in the page: none is expected on any page. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), "assay-registry-pages-"));
    const webRoot = await buildWeb();
    server = await spawnServer(["--data-root", dataRoot, "--web-root", webRoot]);
    seeded = await seed(server, dataRoot);
    await seedRegistry(server);
    browser = await launchChromium();
    // A context of its own: axe-core's runner opens pages in the page's context.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(20_000);
  }, 240_000);

  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await browser?.close();
    await server?.stop();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  });

  /**
   * What has focus, as a user would name it: the element's tag and its text (`document.activeElement`, read in
   * the page: this package's TypeScript has no DOM types, hence the expression as text).
   */
  const focused = () =>
    page.evaluate<string>(
      `(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + ": " + (e.textContent ?? "").trim() : ""; })()`,
    );
  const focusedAttribute = (name: string) =>
    page.evaluate<string | null>(
      `document.activeElement?.getAttribute(${JSON.stringify(name)}) ?? null`,
    );
  const heading = () => page.getByRole("heading", { level: 1 }).textContent();
  const goto = async (path: string) => {
    await page.goto(`${server.url}${path}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
  };

  it("signs in on an accessible form", async () => {
    await page.goto(server.url);
    await page.getByLabel("Token").waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Token").fill(server.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Models" }).waitFor();
    // The form made way for the page: focus is on its heading, not lost on the body.
    await expect.poll(focused).toBe("h1: Models");
  });

  it("says what was not found for unknown or malformed ids, with links back, and no raw validation text", async () => {
    const cases = [
      ["/models/abc", "Model not found", "abc"],
      ["/models/9999", "Model not found", "9999"],
      ["/suites/9999", "Test suite not found", "9999"],
      ["/suites/x1", "Test suite not found", "x1"],
      ["/test-cases/9999", "Test case not found", "9999"],
      ["/test-cases/-2", "Test case not found", "-2"],
      ["/no/such/page", "Page not found", undefined],
    ] as const;
    for (const [path, title, id] of cases) {
      await goto(path);
      await expect.poll(heading).toBe(title);
      const text = (await page.locator("main").textContent()) ?? "";
      if (id) expect(text).toContain(`id “${id}”`);
      expect(text).not.toMatch(/Something went wrong|Try again|invalid_type|expected/i);
      expect(await page.getByRole("link", { name: "All models" }).count()).toBe(1);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "All test suites" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/suites");
  });

  it("moves focus to the new page's heading on navigation, and offers a skip link", async () => {
    await goto("/models");
    await page.getByRole("link", { name: seeded.models.reference, exact: true }).click();
    await expect.poll(focused).toBe(`h1: ${seeded.models.reference}`);
    await page.getByRole("link", { name: "Test suites" }).click();
    await expect.poll(focused).toBe("h1: Test suites");
    // Typing in a search box changes the query, not the page: focus stays in the box.
    await page.getByLabel("Search test suites").fill("sha");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("sha");
    expect(await focusedAttribute("aria-label")).toBe("Search test suites");
    // The skip link is the first Tab stop, and takes focus past the header.
    await goto("/models");
    await page.keyboard.press("Tab");
    await expect.poll(focused).toBe("a: Skip to content");
    await page.keyboard.press("Enter");
    await expect.poll(() => focusedAttribute("id")).toBe("main");
  });

  it("filters models by metadata on the server, shows chosen metadata columns, last test and headline metric", async () => {
    await goto("/models?sort=name");
    await expect
      .poll(() => rowNames(page))
      .toEqual([seeded.models.candidate, seeded.models.reference, seeded.models.untested]);
    // Headline: accuracy on the suite's largest test case ("all shapes", 80 samples); candidate-net misses 32.
    expect(await cellTexts(page, "Headline metric")).toEqual([
      "Accuracy 0.6 on shapes v1 · all shapes",
      "Accuracy 1 on shapes v2 · all shapes",
      "—",
    ]);
    const lastTested = await cellTexts(page, "Last tested");
    expect(lastTested[2]).toBe("never");
    expect(lastTested[0]).toMatch(/\d{4}/);

    await page.getByLabel("Metadata key").fill("epochs");
    await page.getByLabel("Comparison").selectOption("gte");
    await page.getByLabel("Metadata value").fill("10");
    await page.getByRole("button", { name: "Add filter" }).click();
    await expect.poll(() => rowNames(page)).toEqual([seeded.models.reference]);
    expect(new URL(page.url()).searchParams.getAll("meta")).toEqual(["gte|10|epochs"]);
    await page.getByRole("button", { name: "Remove metadata filter epochs ≥ 10" }).waitFor();

    await page.getByLabel("Show metadata column").fill("epochs");
    await page.getByRole("button", { name: "Add column" }).click();
    await expect.poll(() => cellTexts(page, "epochs")).toEqual(["12"]);
    expect(new URL(page.url()).searchParams.getAll("col")).toEqual(["epochs"]);
    // The permalink restores filter and column.
    await page.reload();
    await expect.poll(() => cellTexts(page, "epochs")).toEqual(["12"]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Remove metadata filter epochs ≥ 10" }).click();
    await expect.poll(() => cellTexts(page, "epochs")).toEqual(["3", "12", "—"]);
    await screenshot(page, "registry-models");

    // The headline links to the results it comes from, with this model selected and the metric chosen.
    await page.getByRole("link", { name: /^Accuracy 1 on shapes v2/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/results");
    const params = new URL(page.url()).searchParams;
    expect(params.getAll("metric")).toEqual(["accuracy"]);
    expect(params.getAll("models")).toHaveLength(1);
  });

  it("shows a model's latest results per suite with display names, and their trend across suite versions", async () => {
    await goto("/models");
    await page.getByRole("link", { name: seeded.models.reference, exact: true }).click();
    await page.getByRole("heading", { name: "Latest results" }).waitFor();
    const card = page.getByRole("article", { name: "shapes v2" });
    await card.waitFor();
    expect(await card.textContent()).toContain("Classification");
    expect(await card.textContent()).toContain("on all shapes");
    const names = await card.locator("tbody th").allTextContents();
    expect(names[0]).toBe("Accuracy");
    expect(names.length).toBeLessThanOrEqual(4);
    // Display names from the metric meanings, never the raw keys.
    for (const name of names) expect(name).not.toMatch(/^[a-z]+[A-Z]/);
    expect(await card.locator("tbody tr").first().locator("td.num").textContent()).toBe("1");
    await card.getByRole("img", { name: "Accuracy by suite version: v1 1, v2 1" }).waitFor();
    expect(await card.locator("svg.recharts-surface").count()).toBe(names.length);
    // Every run, with its suite's name, without a request per row.
    await expect
      .poll(() => page.locator("table:not(.metrics) tbody td:first-child").allTextContents())
      .toEqual(["shapes v2", "shapes v1"]);
    await screenshot(page, "registry-model");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await card.getByRole("link", { name: "Results on shapes v2" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/results");
    expect(new URL(page.url()).searchParams.getAll("metric")[0]).toBe("accuracy");
  });

  it("searches suites by name on the server, with descriptions in the list", async () => {
    await goto("/suites");
    await expect.poll(() => rowNames(page)).toEqual(["shapes", "circles"]);
    expect(await cellTexts(page, "Description")).toEqual([
      "",
      "Circles of every size, still to be collected",
    ]);
    // Distinct samples: "all shapes" holds every sample of "first half".
    await expect.poll(() => cellTexts(page, "Samples")).toEqual(["80", "0"]);
    await page.getByLabel("Search test suites").fill("circ");
    await expect.poll(() => rowNames(page)).toEqual(["circles"]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("circ");
    await page.reload();
    await expect.poll(() => rowNames(page)).toEqual(["circles"]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // A suite with only its empty version 0 shows it, with its description.
    await page.getByRole("link", { name: "circles" }).click();
    await page.getByRole("heading", { name: "circles" }).waitFor();
    expect(await versionOptions(page)).toEqual([expect.stringMatching(/^v0 · 0 test cases/)]);
    await page.getByText("Circles of every size, still to be collected").waitFor();
    await expect
      .poll(() => page.locator(".suite-facts").textContent())
      .toMatch(/0 samples in 0 test cases/);
  });

  it("shows a suite's distinct samples, no empty v0, and each version's diff from the one before", async () => {
    await goto("/suites");
    await page.getByRole("link", { name: "shapes", exact: true }).click();
    await page.getByRole("heading", { name: "shapes" }).waitFor();
    // v0 (empty, made by `create`) is left out once later versions exist.
    expect(await versionOptions(page)).toEqual([
      expect.stringMatching(/^v2 · 2 test cases · .* \(latest\)$/),
      expect.stringMatching(/^v1 · 2 test cases/),
    ]);
    // "all shapes" (80) holds every sample of "first half" (41): 80 samples, not 121.
    await expect
      .poll(() => page.locator(".suite-facts").textContent())
      .toMatch(/80 samples in 2 test cases/);
    await page.getByRole("heading", { name: "Changes in v2 since v1" }).waitFor();
    expect(await diffLines(page)).toEqual([
      "Changed first half v1 → v2: 1 sample added, 0 samples removed",
    ]);
    await screenshot(page, "registry-suite");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Version").selectOption("1");
    await expect.poll(() => new URL(page.url()).searchParams.get("version")).toBe("1");
    await page.getByRole("heading", { name: "Changes in v1 since v0" }).waitFor();
    expect(await diffLines(page)).toEqual(["Added all shapes v1", "Added first half v1"]);
    await expect
      .poll(() => page.locator(".suite-facts").textContent())
      .toMatch(/80 samples in 2 test cases/);
    // A version the suite does not have is not found either (it used to show the latest silently).
    await goto(`${new URL(page.url()).pathname}?version=99`);
    await expect.poll(heading).toBe("Test suite version not found");
    expect(await page.locator("main").textContent()).toContain("id “shapes v99”");
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("keeps the audit log accessible", async () => {
    await goto("/audit");
    await expect.poll(heading).toBe("Audit log");
    await page.locator("table tbody tr").first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

async function versionOptions(page: Page): Promise<string[]> {
  const texts = await page.getByLabel("Version").locator("option").allTextContents();
  return texts.map((text) => text.replace(/\s+/g, " ").trim());
}

async function diffLines(page: Page): Promise<string[]> {
  const texts = await page.locator(".suite-diff li").allTextContents();
  return texts.map((text) => text.replace(/\s+/g, " ").trim());
}

/** The first column's texts (the models' names), in order. */
async function rowNames(page: Page): Promise<string[]> {
  return page.locator("table tbody tr td:first-child").allTextContents();
}

/** The texts of the column headed `header`, in row order. */
async function cellTexts(page: Page, header: string): Promise<string[]> {
  const headers = (await page.locator("table thead th").allTextContents()).map((h) =>
    h.replace(/\s*×$/, "").trim(),
  );
  const index = headers.indexOf(header);
  if (index < 0) return [];
  const cells = await page.locator(`table tbody tr td:nth-child(${index + 1})`).allTextContents();
  return cells.map((text) => text.replace(/\s+/g, " ").trim());
}
