import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { expect } from "vitest";

const root = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** Reads a committed JSON fixture (`fixtures/<path>`). */
export function loadFixture<T>(path: string): T {
  return JSON.parse(readFileSync(root + path, "utf8")) as T;
}

/** Element-wise closeness with an absolute tolerance, reporting the first index that differs. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: number,
  what = "value",
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= tolerance)) {
      expect.fail(`${what}[${i}]: expected ${e}, got ${a} (tolerance ${tolerance})`);
    }
  }
}

export function expectNear(actual: number, expected: number, tolerance: number, what = "value") {
  expectClose([actual], [expected], tolerance, what);
}

/**
 * Deep equality in which numbers may differ by `tolerance`. `undefined` members of `actual` that `expected` lacks
 * are fine; everything `expected` holds must be in `actual`.
 */
export function expectDeepClose(
  actual: unknown,
  expected: unknown,
  tolerance: number,
  path = "$",
): void {
  if (typeof expected === "number") {
    if (typeof actual !== "number" || !(Math.abs(actual - expected) <= tolerance)) {
      expect.fail(`${path}: expected ${expected}, got ${JSON.stringify(actual)}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      expect.fail(`${path}: expected a list, got ${JSON.stringify(actual)}`);
    if (actual.length !== expected.length) {
      expect.fail(`${path}: expected ${expected.length} items, got ${actual.length}`);
    }
    expected.forEach((item, i) => expectDeepClose(actual[i], item, tolerance, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") {
      expect.fail(`${path}: expected an object, got ${JSON.stringify(actual)}`);
    }
    for (const [key, value] of Object.entries(expected)) {
      expectDeepClose((actual as Record<string, unknown>)[key], value, tolerance, `${path}.${key}`);
    }
    return;
  }
  if (actual !== expected) {
    expect.fail(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
