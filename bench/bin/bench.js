#!/usr/bin/env node
// Runs the benchmarks from their TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
