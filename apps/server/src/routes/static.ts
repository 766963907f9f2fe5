import { createReadStream, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, normalize, sep } from "node:path";

import { contentType } from "./content-types";
import { sendText, setSecurityHeaders } from "./security";

/**
 * Serves the built web UI from `webRoot`: files by path, and `index.html` for every other route so the
 * single-page app can handle deep links. Hashed assets are cached for a year, the page itself never.
 *
 * The app is built with relative asset URLs; the page's `<base href>` says where it is served (`/`, or
 * `/assay/` under `--base-path /assay`), so one build works under any prefix and the app reads its prefix back
 * from `document.baseURI`.
 */
export async function serveWebApp(
  webRoot: string | null,
  basePath: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const index = webRoot ? join(webRoot, "index.html") : null;
  if (!webRoot || !index || !existsSync(index)) {
    setSecurityHeaders(res, true);
    return sendText(
      res,
      503,
      "The Assay web UI is not built. Run `pnpm build` (./scripts/start does), then reload.\n",
    );
  }
  // The server refused a path that does not percent-decode before any route saw it.
  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, "");
  const candidate = join(webRoot, relative);
  let file = index;
  if (relative && !relative.split(sep).includes("..") && candidate.startsWith(webRoot)) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) file = candidate;
  }
  setSecurityHeaders(res, file === index);
  if (file === index) {
    const page = Buffer.from(await pageFor(index, basePath));
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": page.length,
      "Cache-Control": "no-cache",
    });
    return void res.end(req.method === "HEAD" ? undefined : page);
  }
  const info = await stat(file);
  res.writeHead(200, {
    "Content-Type": contentType(file),
    "Content-Length": info.size,
    "Cache-Control": "public, max-age=31536000, immutable",
  });
  if (req.method === "HEAD") return void res.end();
  createReadStream(file).pipe(res);
}

/** index.html with its `<base href>` set to the base path; read once per build (its mtime) and prefix. */
async function pageFor(index: string, basePath: string): Promise<string> {
  const { mtimeMs } = await stat(index);
  const key = `${index}\0${mtimeMs}\0${basePath}`;
  let page = pages.get(key);
  if (page === undefined) {
    const html = await readFile(index, "utf8");
    const base = `<base href="${basePath}/" />`;
    page = BASE_TAG.test(html)
      ? html.replace(BASE_TAG, base)
      : html.replace("<head>", `<head>${base}`);
    pages.set(key, page);
  }
  return page;
}

const BASE_TAG = /<base\s[^>]*>/i;
const pages = new Map<string, string>();
