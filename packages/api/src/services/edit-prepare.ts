import { hash } from "node:crypto";

import type { WorkflowJsonSchema } from "@assay/workflow";
import { InputValidationError } from "@assay/workflow";
import {
  canonicalStringify,
  decodeLines,
  LIMITS,
  parseJson,
  parseWith,
  splitMetadata,
  WorkflowValidator,
} from "@assay/workflow/wire";
import { z } from "zod";

import { incorrectUsage } from "../errors";

/** One change of an edit, as an NDJSON line. `testCase` names the test case when the edit holds several. */
export const EditLine = z.object({
  op: z.enum(["add", "remove"]),
  testCase: z.string().optional(),
  testSample: z.record(z.string(), z.unknown()),
  groundTruth: z.record(z.string(), z.unknown()).optional(),
});

type EditLineValue = z.output<typeof EditLine>;

const HASH_BYTES = 32;
/** Each line's stored texts, in this order. */
export const SAMPLE = 0;
export const METADATA = 1;
export const GROUND_TRUTH = 2;
const FIELDS = 3;

/**
 * A batch of edit lines, validated and in the form they are stored: canonical JSON as UTF-8 and identity
 * hashes, packed in a few typed arrays. Off the JS heap, and moved rather than copied from the worker thread
 * that prepares it: the thread that writes it then holds almost nothing on its heap while the batch waits for
 * its turn (as 60,000 strings per batch, the writing thread's heap grew past 150 MB during a 1M-sample ingest).
 */
export interface PreparedEdit {
  count: number;
  /** 1 where line i removes its sample. */
  removes: Uint8Array;
  testCases: (string | null)[];
  /** SHA-256 of each sample's identity, 32 bytes per line. */
  hashes: Uint8Array;
  /** The canonical JSON of each line's sample, metadata ("{}" when none) and ground truth ("" for removals). */
  text: Uint8Array;
  /** Where field f of line i starts in `text`: `offsets[3 * i + f]`; it ends where the next starts. */
  offsets: Uint32Array;
}

/** Parses, validates and canonicalises a batch of edit lines. Throws naming the line (`lines[3].testSample`). */
export function prepareEdit(lines: string, validator: WorkflowValidator): PreparedEdit {
  const values = decodeLines(lines);
  const count = values.length;
  const removes = new Uint8Array(count);
  const testCases = new Array<string | null>(count);
  const hashes = new Uint8Array(count * HASH_BYTES);
  const text = new TextPacker(lines.length + 1024);
  const offsets = new Uint32Array(count * FIELDS + 1);
  for (let i = 0; i < count; i++) {
    const root = `lines[${i}]`;
    const value = values[i];
    const line = isEditLine(value) ? value : parseWith(EditLine, value, root);
    const sample = validator.parseTestSample(line.testSample, `${root}.testSample`);
    const { sample: identity, metadata } = splitMetadata(sample);
    const sampleJson = canonicalStringify(identity);
    hashes.set(hash("sha256", sampleJson, "buffer"), i * HASH_BYTES);
    testCases[i] = line.testCase ?? null;
    offsets[i * FIELDS + SAMPLE] = text.add(sampleJson);
    if (line.op === "add") {
      if (line.groundTruth === undefined)
        throw incorrectUsage(`${root}: an "add" needs a groundTruth`);
      const metadataJson = canonicalStringify(metadata);
      // Up to 3 bytes of UTF-8 per character: most metadata is short enough never to be counted.
      if (
        metadataJson.length * 3 > LIMITS.metadataBytes &&
        Buffer.byteLength(metadataJson) > LIMITS.metadataBytes
      ) {
        throw new InputValidationError({
          path: `${root}.testSample.metadata`,
          reason: `must be at most ${LIMITS.metadataBytes.toLocaleString("en")} bytes as JSON`,
        });
      }
      offsets[i * FIELDS + METADATA] = text.add(metadataJson);
      offsets[i * FIELDS + GROUND_TRUTH] = text.add(
        canonicalStringify(validator.parseGroundTruth(line.groundTruth, `${root}.groundTruth`)),
      );
    } else {
      removes[i] = 1;
      offsets[i * FIELDS + METADATA] = text.add("{}");
      offsets[i * FIELDS + GROUND_TRUTH] = text.add("");
    }
  }
  offsets[count * FIELDS] = text.length;
  return { count, removes, testCases, hashes, text: text.bytes(), offsets };
}

/** The buffers a prepared edit can be moved with (`postMessage`'s transfer list). */
export function transferablesOf(prepared: PreparedEdit): ArrayBuffer[] {
  const { removes, hashes, text, offsets } = prepared;
  return [removes.buffer, hashes.buffer, text.buffer, offsets.buffer] as ArrayBuffer[];
}

/** The identity hash of line `i`, as the Buffer SQLite binds as a blob. */
export function hashOf(prepared: PreparedEdit, i: number): Buffer {
  const { buffer, byteOffset } = prepared.hashes;
  return Buffer.from(buffer, byteOffset + i * HASH_BYTES, HASH_BYTES);
}

/** Field `field` of line `i` as UTF-8 bytes, for SQL that stores it with `CAST(? AS TEXT)`. */
export function bytesOf(prepared: PreparedEdit, i: number, field: number): Buffer {
  const { text, offsets } = prepared;
  const start = offsets[i * FIELDS + field] as number;
  const end = offsets[i * FIELDS + field + 1] as number;
  return Buffer.from(text.buffer, text.byteOffset + start, end - start);
}

/** Field `field` of line `i` as a string. */
export function textOf(prepared: PreparedEdit, i: number, field: number): string {
  return bytesOf(prepared, i, field).toString("utf8");
}

/** Appends strings as UTF-8 to one growing buffer. */
class TextPacker {
  private buffer: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buffer = new Uint8Array(capacity);
  }

  /** Appends `text`; returns where it starts. */
  add(text: string): number {
    const start = this.length;
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (this.buffer.length - start < text.length * 3) this.grow(start + text.length * 3);
    this.length += encoder.encodeInto(text, this.buffer.subarray(start)).written;
    return start;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private grow(needed: number): void {
    const next = new Uint8Array(Math.max(needed, this.buffer.length * 2));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

const encoder = new TextEncoder();

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The shape check of `EditLine` without zod's cost, for the millions of well-formed lines of an ingest. */
function isEditLine(value: unknown): value is EditLineValue {
  if (!isRecord(value)) return false;
  const { op, testCase, testSample, groundTruth } = value;
  return (
    (op === "add" || op === "remove") &&
    (testCase === undefined || typeof testCase === "string") &&
    isRecord(testSample) &&
    (groundTruth === undefined || isRecord(groundTruth)) &&
    Object.keys(value).every((key) => key in EditLine.shape)
  );
}

/**
 * Prepares batches somewhere: in the calling thread, or in a worker thread so that validation and hashing of one
 * batch overlap the writing of the one before (the server passes such a preparer in its context). `schemaJson`
 * is the workflow's registered JSON Schema as stored; validators are built from it once and kept by its text.
 */
export interface EditPreparer {
  prepare(schemaJson: string, lines: string): Promise<PreparedEdit>;
}

/** Prepares in the calling thread, building each workflow's validator once. */
export function inlinePreparer(): EditPreparer {
  const validators = new Map<string, WorkflowValidator>();
  return {
    prepare(schemaJson, lines) {
      try {
        let validator = validators.get(schemaJson);
        if (!validator) {
          validator = new WorkflowValidator(parseJson(schemaJson) as unknown as WorkflowJsonSchema);
          if (validators.size > 100) validators.clear();
          validators.set(schemaJson, validator);
        }
        return Promise.resolve(prepareEdit(lines, validator));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}
