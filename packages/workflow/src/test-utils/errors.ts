import { expect } from "vitest";

import { InputValidationError } from "../errors";

/** Runs `fn`, expects an `InputValidationError`, and returns it for further checks. */
export function expectInvalid(fn: () => unknown): InputValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputValidationError);
    return error as InputValidationError;
  }
  throw new Error("expected an InputValidationError, but nothing was thrown");
}

/** Expects `fn` to fail with an issue at `path` whose reason matches `reason`. */
export function expectIssue(fn: () => unknown, path: string, reason: RegExp | string): void {
  const error = expectInvalid(fn);
  const issue = error.issues.find((candidate) => candidate.path === path);
  expect(issue, `issues were: ${error.message}`).toBeDefined();
  expect(issue?.reason).toMatch(reason);
}
