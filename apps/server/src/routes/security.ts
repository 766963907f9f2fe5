import type { ServerResponse } from "node:http";

/**
 * Headers for every response: no MIME sniffing, no framing, no referrer leaks. Pages also get a content
 * security policy that allows only this origin's scripts and styles, images from anywhere over https (sample
 * locators may point at any bucket), and no plugins.
 */
export function setSecurityHeaders(res: ServerResponse, page = false): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (page) {
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' https: http: data: blob:",
        "media-src 'self' https: http: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        // The page's <base href> names where the app is served (see static.ts).
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ].join("; "),
    );
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
