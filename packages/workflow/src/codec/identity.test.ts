import { createHash } from "node:crypto";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { reorderKeys, storedJson } from "./arbitraries";
import { identityHash, sampleIdentity, sampleIdentityHash, splitMetadata } from "./identity";

describe("sample identity", () => {
  const sample = { locator: "s3://bucket/1.png", value: 3, dataType: "TEST_SAMPLE/IMAGE" };

  it("is the canonical JSON of the sample without its metadata", () => {
    expect(sampleIdentity({ ...sample, metadata: { split: "test" } })).toBe(
      '{"dataType":"TEST_SAMPLE/IMAGE","locator":"s3://bucket/1.png","value":3}',
    );
  });

  it("does not depend on key order or on metadata", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), storedJson, { maxKeys: 6 }),
        storedJson,
        fc.nat(),
        (fields, metadata, seed) => {
          const plain = { ...fields };
          delete plain.metadata;
          const reordered = reorderKeys(plain, seed) as Record<string, unknown>;
          expect(sampleIdentityHash({ ...reordered, metadata })).toBe(sampleIdentityHash(plain));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("tells apart samples that differ in any field, including NaN against null", () => {
    expect(sampleIdentity({ a: NaN })).not.toBe(sampleIdentity({ a: null }));
    expect(sampleIdentity({ a: -0 })).not.toBe(sampleIdentity({ a: 0 }));
    expect(sampleIdentity({ a: 1 })).toBe(sampleIdentity({ a: 1.0 }));
  });

  it("hashes to the SHA-256 of the canonical text", () => {
    const text = sampleIdentity({ ...sample, metadata: { x: 1 } });
    const expected = createHash("sha256").update(text, "utf8").digest("hex");
    expect(identityHash(text)).toBe(expected);
    expect(identityHash("é🤖")).toBe(createHash("sha256").update("é🤖", "utf8").digest("hex"));
  });

  it("splits metadata out, as {} when absent", () => {
    expect(splitMetadata({ a: 1, metadata: { b: 2.0, c: true, d: "d", e: null } })).toEqual({
      sample: { a: 1 },
      metadata: { b: 2.0, c: true, d: "d", e: null },
    });
    expect(splitMetadata({ a: 1 })).toEqual({ sample: { a: 1 }, metadata: {} });
  });
});
