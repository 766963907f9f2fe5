import type { BenchLine } from "./harness";
import { sampleCount } from "./harness";

/**
 * `pnpm bench`: prints one JSON line per benchmark and exits 1 if any misses its target. BENCH_SAMPLES sets the
 * size of the SDK benchmarks (1M by default), BENCH_UI_SCALE the share of the results page's 100 models × 1,000
 * test cases (1 by default). CI runs reduced sizes with BENCH_ENFORCE=0 so the harness cannot rot: at small sizes
 * fixed costs dominate and the ratios say little, so they are reported, not enforced. BENCH_ONLY=sdk|models|ui runs one.
 */
const enforce = process.env.BENCH_ENFORCE !== "0";
const only = process.env.BENCH_ONLY;
const uiScale = Number(process.env.BENCH_UI_SCALE ?? 1);
if (!(uiScale > 0 && uiScale <= 1)) throw new Error("BENCH_UI_SCALE must be in (0, 1]");

const suites: (() => Promise<BenchLine[]>)[] = [];
// Each suite's modules load when it runs: the browser benchmark's (vite, playwright) would count as SDK memory.
if (only === undefined || only === "sdk")
  suites.push(async () => (await import("./sdk")).benchSdk(sampleCount()));
if (only === undefined || only === "models") {
  const models = Math.max(100, Math.round(10_000 * Math.min(1, sampleCount() / 1_000_000)));
  suites.push(async () => (await import("./models")).benchModels(models));
}
if (only === undefined || only === "ui") {
  suites.push(async () =>
    (await import("./results-page")).benchResultsPage({
      models: Math.max(2, Math.round(100 * uiScale)),
      testCases: Math.max(2, Math.round(1000 * uiScale)),
    }),
  );
}
let failed = 0;
for (const suite of suites) {
  for (const result of await suite()) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (!result.pass) failed++;
  }
}
process.exitCode = enforce && failed > 0 ? 1 : 0;
