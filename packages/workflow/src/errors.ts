/** Base class of every error Assay raises on purpose. */
export class AssayError extends Error {
  override name = "AssayError";
  /**
   * The server's id for the request that failed, when a server answered (its `X-Request-Id`): the server's log
   * line for that request carries it, so quote it to whoever runs the server.
   */
  requestId?: string;
}

/** One thing wrong with an input: where (a dotted path such as `inference.boxes[0].label`) and why. */
export interface ValidationIssue {
  path: string;
  reason: string;
}

/**
 * An input broke a rule: a workflow definition, a value that does not match its schema, a bad name.
 * `issues` lists every problem found; `field` and `reason` are the first one's.
 */
export class InputValidationError extends AssayError {
  override name = "InputValidationError";
  readonly issues: readonly ValidationIssue[];
  /** Where the first problem is. */
  readonly field: string;
  /** What the first problem is. */
  readonly reason: string;

  constructor(issues: ValidationIssue | readonly ValidationIssue[]) {
    const list: readonly ValidationIssue[] = Array.isArray(issues) ? issues : [issues];
    const [first] = list;
    if (!first) throw new TypeError("InputValidationError needs at least one issue");
    super(list.map(formatIssue).join("; "));
    this.issues = list;
    this.field = first.path;
    this.reason = first.reason;
  }
}

function formatIssue({ path, reason }: ValidationIssue): string {
  return path ? `${path}: ${reason}` : reason;
}
