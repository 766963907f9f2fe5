/** What every example's `run` takes. */
export interface ExampleOptions {
  /**
   * An absolute folder the server serves local files from (`assay-server serve --data-root DIR`): examples write the
   * images their samples point at under it, so the web UI can show them.
   */
  dataRoot: string;
  /** Where progress lines go. @default console.log */
  log?: ((line: string) => void) | undefined;
  /** test()'s progress bar on the terminal. @default whether stderr is a TTY */
  progress?: boolean | undefined;
}

/** One `test()` call of an example: which run, and how many samples `infer` was called on. */
export interface TestedRun {
  model: string;
  suite: string;
  evaluator: string;
  /** Samples inferred by this call: 0 when the model already had every inference. */
  inferred: number;
  seconds: number;
}

/** What an example did: its test runs, in order. */
export interface ExampleReport {
  example: string;
  runs: TestedRun[];
}
