import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";

/** Debian's Chromium (installed by scripts/setup): tests never download a browser. */
export const CHROMIUM = process.env.ASSAY_CHROMIUM ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Where screenshots go: kept as test artifacts, ignored by git. */
export const ARTIFACTS = fileURLToPath(new URL("../test-results/", import.meta.url));

/**
 * A picture of the page for the documentation: kept with the test artifacts, and also written to
 * `$ASSAY_DOCS_SCREENSHOTS/<name>.png` when `scripts/screenshots` runs the browser tests, so the pictures in
 * `docs/` are made from the same steps that the tests check, never by hand. The viewport only (not the whole
 * page): what a reader of the README sees at a glance.
 */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const docs = process.env.ASSAY_DOCS_SCREENSHOTS;
  if (!docs) return;
  mkdirSync(docs, { recursive: true });
  await page.screenshot({ path: join(docs, `${name}.png`), animations: "disabled", caret: "hide" });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
