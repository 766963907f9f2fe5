import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { getClient, initialize } from "@assay/sdk";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium } from "../browser";
import type { Nginx } from "../nginx";
import { startNginx } from "../nginx";
import type { ServerProcess } from "../server-process";
import { spawnServer } from "../server-process";
import { signIn } from "../sign-in";
import type { Seeded } from "../web/seed";
import { seed, shapes } from "../web/seed";

const PREFIX = "/assay";

/**
 * `assay-server serve --base-path /assay --trust-proxy` behind a real nginx on loopback, as a deployment at
 * https://example.com/assay/ would be: the SDK, the streams, the asset proxy and the web UI in Chromium all go
 * through the proxy, and failed sign-ins are counted per client, not per proxy.
 */
describe("behind nginx under a base path", { timeout: 120_000 }, () => {
  let server: ServerProcess;
  let nginx: Nginx;
  let dataRoot: string;
  let seeded: Seeded;
  let base: string;

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), "assay-proxy-data-"));
    server = await spawnServer(["--base-path", PREFIX, "--trust-proxy", "--data-root", dataRoot]);
    nginx = await startNginx(server.url, PREFIX);
    base = `${nginx.url}${PREFIX}`;
    // Everything the SDK does here goes through nginx: uploads, tests, the server's evaluation.
    seeded = await seed({ url: base, token: server.token }, dataRoot);
  }, 180_000);

  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  });

  it("answers only under the prefix, and sends the bare prefix to its folder", async () => {
    expect((await fetch(`${nginx.url}${PREFIX}/healthz`)).status).toBe(200);
    const bare = await fetch(`${nginx.url}${PREFIX}`, { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([308, `${PREFIX}/`]);
    // Straight to the server, outside the prefix: not ours.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(404);
    expect((await fetch(`${server.url}/trpc/auth.me`)).status).toBe(404);
  });

  it("serves the API, streams and assets to the SDK through the proxy", async () => {
    initialize({ url: base, token: server.token });
    const reference = await shapes.Model.load(seeded.models.reference);
    const suite = await shapes.TestSuite.load(seeded.suiteName);
    const [allShapes] = suite.testCases;
    // model.iterInferences reads GET /assay/stream/model.inferences.
    let streamed = 0;
    let locator = "";
    for await (const [sample] of reference.iterInferences(allShapes as never)) {
      streamed += 1;
      locator = (sample as { locator: string }).locator;
    }
    expect(streamed).toBe(80);
    const asset = await fetch(`${base}/assets?path=${encodeURIComponent(locator)}`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect([asset.status, asset.headers.get("content-type")]).toEqual([200, "image/png"]);
    const models = await getClient().call((trpc) => trpc.model.list.query({ limit: 10 }));
    expect(models.items.map((m) => m.name)).toContain(seeded.models.candidate);
  });

  it("serves the web UI: its pages, scripts and API calls all under the prefix", async () => {
    const browser: Browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const failures: string[] = [];
      page.on("pageerror", (error) => failures.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") failures.push(message.text());
      });
      page.on("response", (response) => {
        if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      });
      // A deep link, as a bookmark would open it: the page's <base href> finds the scripts from there.
      await page.goto(`${base}/models`);
      await signIn(page, `${base}/models`, server.token);
      await page.getByRole("link", { name: seeded.models.candidate }).click();
      await page.waitForURL(new RegExp(`${PREFIX}/models/\\d+$`));
      await page.getByRole("heading", { name: seeded.models.candidate }).waitFor();
      // Reloaded two folders deep, the app still finds its scripts and styles.
      await page.reload();
      await page.getByRole("heading", { name: seeded.models.candidate }).waitFor();
      await page.goto(`${base}/suites`);
      await page.getByRole("link", { name: seeded.suiteName }).waitFor();
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === "assay_session")?.path).toBe(PREFIX);
      // Before signing in, the app asks who is signed in and is told 401; nothing else may fail.
      expect(failures.filter((f) => !f.includes("401"))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("counts failed sign-ins per client address from X-Forwarded-For, not per proxy", async () => {
    const bad = { authorization: "Bearer assay_not-a-token" };
    // 10 failures from 127.0.0.2, one of them claiming another address: nginx appends the real one.
    for (let i = 0; i < 10; i++) {
      const headers = i === 0 ? { ...bad, "x-forwarded-for": "203.0.113.9" } : bad;
      expect(await status("127.0.0.2", headers)).toBe(401);
    }
    expect(await status("127.0.0.2", bad)).toBe(429);
    expect(await status("127.0.0.2", { authorization: `Bearer ${server.token}` })).toBe(429);
    // Another client, through the same proxy, is not held back.
    expect(await status("127.0.0.3", { authorization: `Bearer ${server.token}` })).toBe(200);
  });

  /** GET /assay/trpc/auth.me through nginx from a given loopback address. */
  function status(from: string, headers: Record<string, string>): Promise<number> {
    const { port } = new URL(nginx.url);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, localAddress: from, path: `${PREFIX}/trpc/auth.me`, headers },
        (res) => {
          res.resume();
          res.once("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.once("error", reject);
      req.end();
    });
  }
});
