import { InputValidationError } from "@assay/workflow";

/**
 * Input checks shared by the metric functions. They throw `InputValidationError` naming the argument, so bad
 * input fails loudly instead of turning into a NaN three steps later.
 */

export function checkSameLength(
  a: { readonly length: number },
  b: { readonly length: number },
  names: readonly [string, string],
): void {
  if (a.length !== b.length) {
    throw new InputValidationError({
      path: names[1],
      reason: `${names[0]} and ${names[1]} must have the same length (${a.length} and ${b.length})`,
    });
  }
}

export function checkNonEmpty(values: { readonly length: number }, name: string): void {
  if (values.length === 0) {
    throw new InputValidationError({ path: name, reason: "must not be empty" });
  }
}

/** Every value must be a finite number (scores, regression targets). */
export function checkFinite(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InputValidationError({
        path: `${name}[${i}]`,
        reason: `must be a finite number (got ${String(value)})`,
      });
    }
  }
}

export function checkProbability(value: number, name: string): void {
  if (!(value >= 0 && value <= 1)) {
    throw new InputValidationError({
      path: name,
      reason: `must be between 0 and 1 (got ${String(value)})`,
    });
  }
}

export function checkPositiveInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InputValidationError({
      path: name,
      reason: `must be a positive integer (got ${String(value)})`,
    });
  }
}

export function invalid(path: string, reason: string): InputValidationError {
  return new InputValidationError({ path, reason });
}
