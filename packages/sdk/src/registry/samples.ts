import type { JsonValue } from "@assay/workflow";
import { stringifyForTransport } from "@assay/workflow/wire";

import type { AnyWorkflow } from "./binding";

/**
 * The server's id of each sample object the SDK handed out, so inferences and metrics for it can be uploaded
 * by id (no identity hashing on the server). Objects the user built are sent by content instead.
 */
const sampleIds = new WeakMap<object, number>();

export function sampleIdOf(sample: object): number | undefined {
  return sampleIds.get(sample);
}

interface SampleLine {
  id?: number;
  testSample: Record<string, JsonValue>;
  metadata?: Record<string, JsonValue>;
}

/** A test sample from a page line: its fields, with metadata put back when the workflow declares it. */
export function sampleFromLine(workflow: AnyWorkflow, line: SampleLine): Record<string, unknown> {
  const sample: Record<string, unknown> = workflow.hasMetadata
    ? { ...line.testSample, metadata: line.metadata ?? {} }
    : line.testSample;
  if (line.id !== undefined) sampleIds.set(sample, line.id);
  return sample;
}

/** A reference to a sample for an upload line: its id when known, else its content. */
export function sampleRef(sample: object): { sampleId: number } | { testSample: object } {
  const id = sampleIds.get(sample);
  return id === undefined ? { testSample: sample } : { sampleId: id };
}

/**
 * Collects NDJSON lines into batches bounded by line count and size, so uploads stay a few megabytes however
 * much data goes through.
 */
export class LineBatcher {
  private lines: string[] = [];
  private bytes = 0;

  constructor(
    private readonly maxLines = 5000,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {}

  /** Adds a value; returns a full batch when this one filled it. */
  push(value: unknown): string | null {
    const line = stringifyForTransport(value);
    this.lines.push(line);
    this.bytes += line.length + 1;
    return this.lines.length >= this.maxLines || this.bytes >= this.maxBytes ? this.take() : null;
  }

  /** Whatever is left, or null. */
  take(): string | null {
    if (this.lines.length === 0) return null;
    const text = this.lines.join("\n");
    this.lines = [];
    this.bytes = 0;
    return text;
  }

  get pending(): number {
    return this.lines.length;
  }
}
