/**
 * Where the app is served: "" at the server's root, "/assay" under `assay-server serve --base-path /assay`. The
 * server writes it into the page's `<base href>`; every URL the app makes (the API, assets, its own routes)
 * starts with it.
 */
export const BASE_PATH = basePathOf(typeof document === "undefined" ? "" : document.baseURI);

/** The path of a base URL without its trailing slash ("http://h/assay/" → "/assay"). */
export function basePathOf(baseUri: string): string {
  try {
    const url = new URL(baseUri);
    if (url.protocol !== "http:" && url.protocol !== "https:") return "";
    return url.pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
}
