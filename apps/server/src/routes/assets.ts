import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAbsolute, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import type { DB } from "@assay/db";
import type { HttpPolicy } from "@assay/api";
import { authenticateRequest } from "@assay/api";

import { contentType } from "./content-types";
import { sendText, setSecurityHeaders } from "./security";

/**
 * `GET /assets?path=/abs/path/to/file.png` streams a local file named by a sample's locator, and only from the
 * configured data roots. A path with `..` is refused outright, and so is one outside every root before anything
 * is looked up on disk (so the answer never tells whether a file exists elsewhere); inside a root it is compared
 * again after resolving symlinks, so a link that points out of a root is refused too. Assets are data: they need
 * a read token or session, and are never active content on this origin (see `assetHeaders`).
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
  const realRoots = await resolvedRoots(dataRoots);
  const outside = () => sendText(res, 403, "this path is outside the configured data roots\n");
  if (!within(requested, [...dataRoots.map((root) => resolve(root)), ...realRoots]))
    return outside();
  let real: string;
  try {
    real = await realpath(requested);
  } catch {
    return sendText(res, 404, "no such file\n");
  }
  if (!within(real, realRoots)) return outside();
  const info = await stat(real);
  if (!info.isFile()) return sendText(res, 404, "not a file\n");
  res.writeHead(200, {
    ...assetHeaders(contentType(real)),
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

/** Whether `path` is one of `roots` or inside one. */
function within(path: string, roots: readonly string[]): boolean {
  return roots.some(
    (root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep),
  );
}

/** Types a browser shows as they are (pictures, sound, video, plain text): anything else is downloaded. */
const SHOWN =
  /^(image\/(png|jpeg|gif|webp|bmp|tiff|x-icon)|audio\/|video\/|text\/(plain|csv)|application\/json)/;

/**
 * An asset is data from a user's folder, never a page of this origin: an HTML or SVG file opened from the asset
 * proxy would run its scripts with the signed-in user's session. Every asset is sandboxed (no scripts, no same
 * origin), and any type not shown as is gets downloaded rather than rendered.
 */
export function assetHeaders(type: string): Record<string, string> {
  return {
    "Content-Type": type,
    "Content-Security-Policy": "sandbox",
    "Content-Disposition": SHOWN.test(type) ? "inline" : "attachment",
  };
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
