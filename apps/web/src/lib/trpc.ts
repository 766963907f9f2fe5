import type { AppRouter } from "@assay/api";
import { transformer } from "@assay/workflow/wire";
import { QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchStreamLink,
  httpLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

import { BASE_PATH } from "./base-path";

/**
 * The SPA's tRPC wiring as module singletons (tRPC's recommended setup for a client-only app). The session
 * cookie authenticates every call, so there are no headers to manage here.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => failures < 2 && !isClientError(error),
      refetchOnWindowFocus: false,
    },
  },
});

const http = {
  url: `${BASE_PATH}/trpc`,
  transformer,
  methodOverride: "POST",
  headers: { "x-trpc-source": "assay-web" },
} as const;

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "query",
      // Queries in streamed batches: each answer is used as soon as it is ready, so a quick query batched with a
      // slow one (the matrix with the significance tests) is not held back by it.
      true: httpBatchStreamLink(http),
      // Mutations one by one on plain requests: a streamed answer has sent its headers before the procedure
      // ends, and signing in must set the session cookie.
      false: httpLink(http),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

/** 4xx answers will not change on retry. */
function isClientError(error: unknown): boolean {
  const status = (error as TRPCClientError<AppRouter>).data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

export function isUnauthorized(error: unknown): boolean {
  return (
    error instanceof TRPCClientError &&
    (error.data as { httpStatus?: number } | undefined)?.httpStatus === 401
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
