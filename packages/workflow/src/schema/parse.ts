import type { z } from "zod";

import type { ValidationIssue } from "../errors";
import { InputValidationError } from "../errors";
import type { AnySchema } from "./introspect";
import { joinPath } from "./introspect";
import { allowNonFinite } from "./non-finite";

type Issue = z.core.$ZodIssue;

/**
 * Parses `value` with `schema` (NaN and ±Infinity allowed wherever a non-integer number is) and returns the
 * output, or throws an `InputValidationError` whose paths start at `root` (e.g. `inference.boxes[0].label`).
 */
export function parseWith<S extends AnySchema>(
  schema: S,
  value: unknown,
  root: string,
): z.output<S> {
  const result = allowNonFinite(schema)["~standard"].validate(value);
  if (result instanceof Promise) throw new TypeError("asynchronous schemas are not supported");
  if (result.issues === undefined) return result.value;
  throw new InputValidationError(
    (result.issues as readonly Issue[]).flatMap((issue) => describeIssue(issue, root)),
  );
}

/** Turns zod issues into Assay's `{ path, reason }` form, resolving unions to their most useful branch. */
export function describeIssue(issue: Issue, root: string): ValidationIssue[] {
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const branches = issue.errors.map((branch) =>
      branch.map((inner): Issue => ({ ...inner, path: [...issue.path, ...inner.path] })),
    );
    const informative = branches.filter(
      (branch) =>
        !branch.every((inner) => isTypeIssue(inner) && inner.path.length === issue.path.length),
    );
    if (informative.length === 0) {
      const flat = branches.flat();
      const expected = [...new Set(flat.map(expectedOf))].join(" | ");
      const received = flat.map(receivedOf).find(Boolean) ?? "";
      return [{ path: formatPath(root, issue.path), reason: `expected ${expected}${received}` }];
    }
    // The branch that got furthest into the value is the one the user meant.
    const best = informative.reduce((a, b) => (depth(b) > depth(a) ? b : a));
    return best.flatMap((inner) => describeIssue(inner, root));
  }
  if (
    (issue.code === "invalid_key" || issue.code === "invalid_element") &&
    issue.issues.length > 0
  ) {
    const what = issue.code === "invalid_key" ? "invalid key" : "invalid value";
    const reasons = issue.issues.map(cleanMessage).join("; ");
    return [{ path: formatPath(root, issue.path), reason: `${what}: ${reasons}` }];
  }
  return [{ path: formatPath(root, issue.path), reason: cleanMessage(issue) }];
}

function isTypeIssue(issue: Issue): boolean {
  return (
    issue.code === "invalid_type" ||
    issue.code === "invalid_value" ||
    (issue.code === "custom" && typeof issue.params?.expected === "string")
  );
}

function expectedOf(issue: Issue): string {
  if (issue.code === "invalid_type") return issue.expected;
  if (issue.code === "invalid_value") return issue.values.map((v) => JSON.stringify(v)).join(" | ");
  if (issue.code === "custom") return String(issue.params?.expected);
  return "a valid value";
}

function receivedOf(issue: Issue): string {
  const match = /received (.+)$/.exec(issue.message);
  return match ? `, received ${match[1]}` : "";
}

function depth(branch: Issue[]): number {
  return Math.max(...branch.map((issue) => issue.path.length));
}

function cleanMessage(issue: { message: string }): string {
  return issue.message.replace(/^Invalid input: /, "");
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, segment) => joinPath(acc, typeof segment === "number" ? segment : String(segment)),
    root,
  );
}
