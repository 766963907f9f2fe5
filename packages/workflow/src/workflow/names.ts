import { LIMITS } from "../api/limits";
import { InputValidationError } from "../errors";

/** Names of Kolena's pre-built workflows, kept reserved so imported data never collides with them. */
const RESERVED_WORKFLOW_NAMES = new Set(["fr", "classification", "detection", "keypoints"]);

/** A workflow's name, trimmed; empty and reserved names (in any case) are rejected. */
export function workflowName(name: unknown): string {
  const trimmed = checkString(name, "name").trim();
  if (trimmed.length === 0) {
    throw new InputValidationError({
      path: "name",
      reason: "must not be empty or only whitespace",
    });
  }
  if (trimmed.length > LIMITS.name) {
    throw new InputValidationError({
      path: "name",
      reason: `must be at most ${LIMITS.name} characters (got ${trimmed.length.toLocaleString("en")})`,
    });
  }
  if (RESERVED_WORKFLOW_NAMES.has(trimmed.toLowerCase())) {
    throw new InputValidationError({
      path: "name",
      reason: `'${trimmed}' is a reserved workflow name`,
    });
  }
  return trimmed;
}

/**
 * The name of a model, test case or test suite: any text with something other than whitespace in it.
 * Names are kept as written (as Kolena does), so `"a "` and `"a"` are different names.
 */
export function entityName(name: unknown, path = "name"): string {
  const text = checkString(name, path);
  if (text.trim().length === 0) {
    throw new InputValidationError({ path, reason: "must not be empty or only whitespace" });
  }
  if (text.length > LIMITS.name) {
    throw new InputValidationError({
      path,
      reason: `must be at most ${LIMITS.name} characters (got ${text.length.toLocaleString("en")})`,
    });
  }
  return text;
}

function checkString(value: unknown, path: string): string {
  if (typeof value !== "string") {
    throw new InputValidationError({ path, reason: `must be a string, received ${typeof value}` });
  }
  return value;
}
