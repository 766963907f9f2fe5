import { z } from "zod";

import { canonicalStringify } from "../codec/canonical";
import { JsonObjectSchema } from "./json-value";

/**
 * How large what users name and describe may be. A store holds many of each and pages list them: a 10 MiB
 * model name made every page of the model list 10 MB. Input over a limit is refused with the field and the
 * limit named.
 */
export const LIMITS = {
  /** Characters in a name (model, test case, test suite, workflow, token, configuration, evaluator). */
  name: 256,
  /** Characters in a tag, and tags on one entity. */
  tag: 100,
  tags: 100,
  /** Characters in a description, or a test run's message. */
  description: 10_000,
  /** Bytes of a metadata object as canonical JSON (a model's, or one test sample's). */
  metadataBytes: 64 * 1024,
} as const;

const tooLong = (limit: number, unit: string) =>
  `must be at most ${limit.toLocaleString("en")} ${unit}`;

export const NameInput = z.string().max(LIMITS.name, tooLong(LIMITS.name, "characters"));
export const TagInput = z.string().max(LIMITS.tag, tooLong(LIMITS.tag, "characters"));
export const TagsInput = z.array(TagInput).max(LIMITS.tags, tooLong(LIMITS.tags, "tags"));
export const DescriptionInput = z
  .string()
  .max(LIMITS.description, tooLong(LIMITS.description, "characters"));

/** The bytes of a value as canonical JSON (what the store keeps). */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(canonicalStringify(value));
}

/** A metadata object of at most LIMITS.metadataBytes as canonical JSON. */
export const MetadataInput = JsonObjectSchema.refine(
  (value) => jsonBytes(value) <= LIMITS.metadataBytes,
  tooLong(LIMITS.metadataBytes, "bytes as JSON"),
);
