import superjson from "superjson";

import { checkDepth, MAX_JSON_DEPTH } from "../codec/depth";

/** superjson's annotations mirror the value's shape a few levels under `meta`. */
const META_DEPTH = MAX_JSON_DEPTH + 4;

/**
 * The tRPC transformer shared by the server, the SDK and the web UI (import this, not superjson): it carries
 * NaN, ±Infinity, -0, dates and undefined across JSON exactly. What it reads is first checked for depth, without
 * recursion: superjson's copy and the input schemas recurse, and a value nested a million levels deep would run
 * them out of stack (a `TooDeepError` names where instead).
 */
export const transformer = {
  serialize: (value: unknown): unknown => superjson.serialize(value),
  deserialize: (payload: unknown): unknown => {
    const { json, meta } = (payload ?? {}) as { json?: unknown; meta?: unknown };
    checkDepth(json);
    checkDepth(meta, META_DEPTH);
    return superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]);
  },
};
