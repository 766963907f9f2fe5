import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAbsolute, sep } from "node:path";
import { fileURLToPath } from "node:url";

import type { DB } from "@assay/db";
import type { HttpPolicy } from "@assay/api";
import { authenticateRequest } from "@assay/api";

import { contentType } from "./content-types";
import { sendText, setSecurityHeaders } from "./security";

/**
 * `GET /assets?path=/abs/path/to/file.png` streams a local file named by a sample's locator, and only from the
 * configured data roots. A path with `..` is refused outright; the rest is compared after resolving symlinks,
 * so a link that points out of a root is refused too. Assets are data: they need a read token or session.
 */
export async function serveAsset(
  db: DB,
  dataRoots: readonly string[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  policy: HttpPolicy = {},
): Promise<void> {
  setSecurityHeaders(res);
  // A throttled address gets AuthThrottled, answered 429 by the server.
  if (!authenticateRequest(db, req, policy, { res }))
    return sendText(res, 401, "a valid token or session is required\n");
  const requested = localPath(url.searchParams.get("path"));
  if (requested === null)
    return sendText(res, 400, "path must be an absolute local path without '..'\n");
  let real: string;
  try {
    real = await realpath(requested);
  } catch {
    return sendText(res, 404, "no such file\n");
  }
  const roots = await resolvedRoots(dataRoots);
  if (
    !roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))
  ) {
    return sendText(res, 403, "this path is outside the configured data roots\n");
  }
  const info = await stat(real);
  if (!info.isFile()) return sendText(res, 404, "not a file\n");
  res.writeHead(200, {
    "Content-Type": contentType(real),
    "Content-Length": info.size,
    "Cache-Control": "private, max-age=3600",
  });
  if (req.method === "HEAD") return void res.end();
  createReadStream(real).pipe(res);
}

/** The absolute path a locator names (`/x/y.png` or `file:///x/y.png`), or null when it may not be served. */
export function localPath(locator: string | null): string | null {
  if (!locator || locator.includes("\0")) return null;
  let path = locator;
  if (locator.startsWith("file:")) {
    try {
      path = fileURLToPath(locator);
    } catch {
      return null;
    }
  }
  if (!isAbsolute(path)) return null;
  if (path.split(/[\\/]/).includes("..")) return null;
  return path;
}

async function resolvedRoots(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of roots) {
    try {
      out.push(await realpath(root));
    } catch {
      // A root that does not exist serves nothing.
    }
  }
  return out;
}
