import { TRPCClientError } from "@trpc/client";

/** What the server's error formatter adds to every failure (see `errorData` in `@assay/api`). */
function dataOf(error: unknown): { httpStatus?: number; kind?: string } | undefined {
  return error instanceof TRPCClientError
    ? (error.data as { httpStatus?: number; kind?: string } | undefined)
    : undefined;
}

/** A 404 from the API: the page shows what was not found instead of offering a retry that cannot help. */
export function isNotFound(error: unknown): boolean {
  return dataOf(error)?.httpStatus === 404;
}

/**
 * A message fit for the page: invalid input (the server's zod issues) is the app's mistake or a hand-edited URL,
 * and its raw text helps nobody reading the page.
 */
export function pageErrorMessage(error: unknown): string {
  if (dataOf(error)?.kind === "INVALID_INPUT") return "The server could not read this request.";
  return error instanceof Error ? error.message : String(error);
}

/** A route's id parameter: a positive integer, or undefined for anything else ("abc", "1.5", "-3"). */
export function parseId(param: string | undefined): number | undefined {
  if (param === undefined || !/^\d{1,15}$/.test(param)) return undefined;
  const id = Number(param);
  return id > 0 ? id : undefined;
}
