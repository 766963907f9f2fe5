import { createReadStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, normalize, sep } from "node:path";

import { contentType } from "./content-types";
import { sendText, setSecurityHeaders } from "./security";

/**
 * Serves the built web UI from `webRoot`: files by path, and `index.html` for every other route so the
 * single-page app can handle deep links. Hashed assets are cached for a year, the page itself never.
 */
export async function serveWebApp(
  webRoot: string | null,
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
  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, "");
  const candidate = join(webRoot, relative);
  let file = index;
  if (relative && !relative.split(sep).includes("..") && candidate.startsWith(webRoot)) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) file = candidate;
  }
  setSecurityHeaders(res, file === index);
  const info = await stat(file);
  res.writeHead(200, {
    "Content-Type": contentType(file),
    "Content-Length": info.size,
    "Cache-Control": file === index ? "no-cache" : "public, max-age=31536000, immutable",
  });
  if (req.method === "HEAD") return void res.end();
  createReadStream(file).pipe(res);
}
