/**
 * The router's types as clients see them: the entry that scripts/emit-client-router.ts turns into the SDK's
 * self-contained copy. Only types: clients never load the server's code.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root";

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
