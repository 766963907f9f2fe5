/**
 * `@assay/examples`: Assay used exactly as a user would, on real data that ships inside npm and Debian packages.
 * Each example registers its workflow, test cases, suites and models through the public SDK and tests every model
 * with a built-in evaluator; `seed` runs them all.
 */
export { EXAMPLES } from "./catalog";
export type { Example } from "./catalog";
export { seed } from "./seed";
export type { ExampleOptions, ExampleReport, TestedRun } from "./shared/example";
