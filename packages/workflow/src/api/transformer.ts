import superjson from "superjson";

/**
 * The tRPC transformer shared by the server, the SDK and the web UI (import this, not superjson): it carries
 * NaN, ±Infinity, -0, dates and undefined across JSON exactly.
 */
export const transformer = superjson;
