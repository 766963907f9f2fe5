import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

import type { JsonValue } from "./canonical";
import { canonicalStringify } from "./canonical";

/** A test sample split into what identifies it and its metadata. */
export interface SplitSample {
  /** The sample without `metadata`. */
  sample: Record<string, unknown>;
  metadata: Record<string, JsonValue>;
}

export function splitMetadata(sample: Readonly<Record<string, unknown>>): SplitSample {
  const { metadata, ...rest } = sample;
  return { sample: rest, metadata: (metadata ?? {}) as Record<string, JsonValue> };
}

/**
 * A test sample's identity within its workflow: its canonical JSON without `metadata`. Two samples are the same
 * sample exactly when their identities are equal, whatever their key order or metadata.
 */
export function sampleIdentity(sample: Readonly<Record<string, unknown>>): string {
  return canonicalStringify(splitMetadata(sample).sample);
}

/** SHA-256 (hex) of a canonical JSON text: a fixed-size, stable key for it. */
export function identityHash(canonicalJson: string): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson)));
}

/** `identityHash(sampleIdentity(sample))`. */
export function sampleIdentityHash(sample: Readonly<Record<string, unknown>>): string {
  return identityHash(sampleIdentity(sample));
}
