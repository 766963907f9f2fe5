/**
 * How deeply JSON may nest wherever Assay reads it (API inputs, NDJSON lines, stored values): deeper values made
 * recursive code (validation, canonical JSON) run out of stack. Real data nests a few levels; 64 leaves room.
 */
export const MAX_JSON_DEPTH = 64;

/** Thrown where a value nests deeper than `MAX_JSON_DEPTH`; `path` names where it went too deep, when known. */
export class TooDeepError extends Error {
  override name = "TooDeepError";
  constructor(readonly path = "") {
    super(`nested more than ${MAX_JSON_DEPTH} levels deep${path ? ` (at ${path})` : ""}`);
  }

  /** The same error for a value found at `prefix` of a larger one (an NDJSON line, an input field). */
  within(prefix: string): TooDeepError {
    const path = !this.path
      ? prefix
      : this.path.startsWith("[")
        ? prefix + this.path
        : `${prefix}.${this.path}`;
    return new TooDeepError(path);
  }
}

/**
 * Whether JSON text has more than `max` opening brackets, the only way it can nest deeper than `max`: a cheap
 * test (a native search, no parse) that spares almost every real line the walk of `checkDepth`.
 */
export function mayNestDeeper(text: string, max = MAX_JSON_DEPTH): boolean {
  let count = 0;
  for (const bracket of ["[", "{"]) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++count > max) return true;
    }
  }
  return false;
}

/**
 * Throws TooDeepError when `value` nests objects or arrays deeper than `max`. Walks without recursion, so a
 * million levels cost time, not stack.
 */
export function checkDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  if (value === null || typeof value !== "object") return;
  const stack: [unknown, number, string][] = [[value, 1, ""]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth, path] = item;
    if (depth > max) throw new TooDeepError(path);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child !== null && typeof child === "object")
          stack.push([child, depth + 1, `${path}[${i}]`]);
      }
    } else {
      for (const key of Object.keys(node as object)) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === "object")
          stack.push([child, depth + 1, path ? `${path}.${key}` : key]);
      }
    }
  }
}
