/**
 * `@assay/testing` (private): what tests and benchmarks across the workspace share to run Assay as users do — the
 * built server's bin on a loopback port over a fresh store, the SDK pointed at it, crashes and cut connections,
 * Kolena's dummy workflow, and Debian's Chromium for the web UI.
 */
export { seriousAxeViolations } from "./axe";
export type { AxeFinding } from "./axe";
export { binCommand, binPath, runBin, shebang } from "./bins";
export type { BinRun } from "./bins";
export { ARTIFACTS, CHROMIUM, docsScreenshot, launchChromium, screenshot } from "./browser";
export { startCuttingProxy } from "./cutting-proxy";
export { startServerProcess, uniquePrefix } from "./sdk-server";
export { spawnBin, spawnServer } from "./server-process";
export type { ServerProcess, SpawnOptions } from "./server-process";
export { signIn } from "./sign-in";
export { buildWeb } from "./web-build";
