#!/usr/bin/env -S node --max-semi-space-size=4
// (The flag is SERVER_NODE_FLAGS in src/spawn.ts: it keeps the server's memory low under load.)
// Runs the TypeScript sources through tsx, so the server needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
