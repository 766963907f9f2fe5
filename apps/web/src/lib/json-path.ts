import type { JsonValue } from "@assay/workflow";

/** The value at a dotted path (`weather.kind`, `boxes.0`), as the server's JSON filters read it; undefined if absent. */
export function atPath(value: JsonValue | undefined, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const segment of path.split(".")) {
    if (Array.isArray(current))
      current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
    else if (current !== null && typeof current === "object") current = current[segment];
    else return undefined;
  }
  return current;
}
