import { InputValidationError } from "../errors";
import { joinPath } from "../schema/introspect";

/** A JSON value as Assay stores it: numbers may also be NaN, Infinity or -Infinity. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Serialises `value` as canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, `undefined`
 * object entries left out, and the non-finite numbers written as the bare tokens `NaN`, `Infinity` and
 * `-Infinity` (as Python's `json.dumps` does), with `-0` kept. Equal values always give equal text, which is
 * what makes the text usable as an identity.
 *
 * Throws an `InputValidationError` naming the path of anything JSON cannot hold exactly: functions, symbols,
 * bigints, dates, class instances, `undefined` in arrays, and cycles.
 */
export function canonicalStringify(value: unknown): string {
  // The fast path tracks no paths and no ancestors (ingest writes millions of values); anything it cannot
  // write goes through the careful path, which finds the same thing and names where it is.
  try {
    return writeFast(value, 0);
  } catch (error) {
    if (error === SLOW_PATH) return write(value, "", new Set());
    throw error;
  }
}

/** Made once: throwing it costs no stack capture, so bailing out of the fast path stays cheap. */
const SLOW_PATH = new Error("canonical JSON: take the careful path");
/** Deeper than this, the fast path hands over to the careful one (which detects cycles). */
const MAX_FAST_DEPTH = 256;

function writeFast(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return writeNumber(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (depth > MAX_FAST_DEPTH) throw SLOW_PATH;
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) throw SLOW_PATH;
          out += (i > 0 ? "," : "") + writeFast(item, depth + 1);
        }
        return out + "]";
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) throw SLOW_PATH;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length > 1) keys.sort();
      let out = "{";
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        out += (out.length > 1 ? "," : "") + quotedKey(key) + ":" + writeFast(item, depth + 1);
      }
      return out + "}";
    }
    default:
      throw SLOW_PATH;
  }
}

/**
 * `{"a":…,"b":…}` from keys and values that are already canonical JSON text, for rows read from the store: the
 * keys must come sorted, as canonical JSON writes them.
 */
export function objectFromJson(entries: readonly (readonly [string, string | number])[]): string {
  let out = "{";
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i] as readonly [string, string | number];
    out += (i > 0 ? "," : "") + quotedKey(key) + ":" + value;
  }
  return out + "}";
}

/** Workflows and pages repeat a few dozen keys millions of times: each is quoted once. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * JSON text for sending, equal in value to `canonicalStringify`'s but not necessarily in key order: the
 * receiver canonicalises what it stores. Values JSON.stringify writes exactly (plain objects and arrays, finite
 * numbers other than -0, no undefined in arrays) go through it natively, several times faster; anything else
 * through `canonicalStringify`.
 */
export function stringifyForTransport(value: unknown): string {
  return isPlainJson(value, 0) ? JSON.stringify(value) : canonicalStringify(value);
}

function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (depth > MAX_FAST_DEPTH) return false;
      if (Array.isArray(value)) {
        for (const item of value)
          if (item === undefined || !isPlainJson(item, depth + 1)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined && !isPlainJson(item, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return writeNumber(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (ancestors.has(value)) throw unsupported(path, "a circular reference");
      ancestors.add(value);
      try {
        return Array.isArray(value)
          ? writeArray(value, path, ancestors)
          : writeObject(value, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
    default:
      throw unsupported(path, typeof value);
  }
}

export function writeNumber(value: number): string {
  if (Number.isFinite(value)) return Object.is(value, -0) ? "-0" : JSON.stringify(value);
  return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}

function writeArray(items: readonly unknown[], path: string, ancestors: Set<object>): string {
  let out = "[";
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) throw unsupported(joinPath(path, i), "undefined (use null)");
    out += (i > 0 ? "," : "") + write(item, joinPath(path, i), ancestors);
  }
  return out + "]";
}

function writeObject(object: object, path: string, ancestors: Set<object>): string {
  const prototype = Object.getPrototypeOf(object) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw unsupported(path, `an instance of ${object.constructor.name}`);
  }
  const record = object as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out +=
      (first ? "" : ",") + JSON.stringify(key) + ":" + write(item, joinPath(path, key), ancestors);
    first = false;
  }
  return out + "}";
}

function unsupported(path: string, what: string): InputValidationError {
  return new InputValidationError({ path: path || "value", reason: `JSON cannot hold ${what}` });
}
