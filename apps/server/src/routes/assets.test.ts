import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "../testing";
import { startTestServer } from "../testing";
import { localPath } from "./assets";

let server: TestServer;
let base: string;
let root: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "assay-assets-"));
  root = join(base, "root");
  mkdirSync(join(root, "images"), { recursive: true });
  writeFileSync(join(root, "images", "a.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(base, "secret.txt"), "do not serve");
  writeFileSync(
    join(root, "images", "page.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
  );
  writeFileSync(join(root, "images", "page.html"), "<script>1</script>");
  symlinkSync(join(base, "secret.txt"), join(root, "escape.txt"));
  symlinkSync(join(root, "images", "a.png"), join(root, "inside.png"));
  server = await startTestServer({ dataRoots: [root] });
});
afterAll(async () => {
  await server.close(100);
  rmSync(base, { recursive: true, force: true });
});

const get = (path: string, token: string | null = server.tokens.read) =>
  fetch(
    `${server.url}/assets?path=${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );

describe("the asset proxy", () => {
  it("serves files inside a data root, with their content type", async () => {
    const response = await get(encodeURIComponent(join(root, "images", "a.png")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    );
    expect((await get(encodeURIComponent(`file://${join(root, "images", "a.png")}`))).status).toBe(
      200,
    );
    expect((await get(encodeURIComponent(join(root, "inside.png")))).status).toBe(200);
  });

  it("never serves active content: every asset sandboxed, SVG and HTML as downloads", async () => {
    const png = await get(encodeURIComponent(join(root, "images", "a.png")));
    expect(png.headers.get("content-security-policy")).toBe("sandbox");
    expect(png.headers.get("content-disposition")).toBe("inline");
    for (const name of ["page.svg", "page.html"]) {
      const response = await get(encodeURIComponent(join(root, "images", name)));
      expect(response.status, name).toBe(200);
      expect(response.headers.get("content-security-policy"), name).toBe("sandbox");
      expect(response.headers.get("content-disposition"), name).toBe("attachment");
      expect(response.headers.get("x-content-type-options"), name).toBe("nosniff");
    }
  });

  it("needs a token or session", async () => {
    expect((await get(encodeURIComponent(join(root, "images", "a.png")), null)).status).toBe(401);
  });

  it.each([
    ["a ../ escape", () => encodeURIComponent(`${root}/../secret.txt`), 400],
    ["an encoded ../ escape", () => `${encodeURIComponent(root)}%2F%2E%2E%2Fsecret.txt`, 400],
    // Decoded once, this names a file "root%2F..%2Fsecret.txt" beside the root: outside it.
    ["a doubly encoded escape", () => `${encodeURIComponent(root)}%252F..%252Fsecret.txt`, 403],
    ["a ..\\ escape", () => encodeURIComponent(`${root}/images\\..\\..\\secret.txt`), 400],
    ["a file outside every root", () => encodeURIComponent(join(base, "secret.txt")), 403],
    // Outside every root, whether it exists is never looked up: 403 as for a file that does.
    ["a missing file outside every root", () => encodeURIComponent(join(base, "nope.txt")), 403],
    ["a missing folder outside", () => encodeURIComponent("/nonexistent/x.png"), 403],
    ["a symlink out of the root", () => encodeURIComponent(join(root, "escape.txt")), 403],
    ["a relative path", () => "images%2Fa.png", 400],
    ["a NUL byte", () => `${encodeURIComponent(join(root, "images", "a.png"))}%00.txt`, 400],
    ["a missing file", () => encodeURIComponent(join(root, "nope.png")), 404],
    ["a directory", () => encodeURIComponent(join(root, "images")), 404],
  ])("refuses %s", async (_, path, status) => {
    const response = await get(path());
    expect(response.status).toBe(status);
    expect(await response.text()).not.toContain("do not serve");
  });

  it("reads only absolute, dot-free paths from locators", () => {
    expect(localPath("/data/a.png")).toBe("/data/a.png");
    expect(localPath("file:///data/a%20b.png")).toBe("/data/a b.png");
    expect(localPath("https://example.com/a.png")).toBeNull();
    expect(localPath("/data/../etc/passwd")).toBeNull();
    expect(localPath(null)).toBeNull();
  });
});
