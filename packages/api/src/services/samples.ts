import type { DB } from "@assay/db";
import type { JsonObject, JsonValue } from "@assay/workflow";
import { canonicalStringify, parseJson, splitMetadata } from "@assay/workflow/wire";

import { sha256 } from "./auth";

export interface StoredSample {
  id: number;
  /** Canonical JSON of the sample without metadata. */
  sampleJson: string;
}

/**
 * Stores test samples of one workflow: each sample once, under the SHA-256 of its identity, with its metadata
 * merged key by key into what was stored before. Statements are prepared once per writer because ingest runs
 * them for every sample.
 */
export class SampleWriter {
  private readonly insert;
  private readonly find;
  private readonly updateMetadata;

  constructor(
    db: DB,
    private readonly workflowId: number,
  ) {
    const sqlite = db.$client;
    // Texts may come as UTF-8 bytes (see PreparedEdit): CAST stores them as TEXT, not BLOB.
    this.insert = sqlite.prepare<
      [number, Buffer, string | Buffer, string | Buffer],
      { id: number }
    >(
      `INSERT INTO test_samples (workflow_id, identity_hash, sample_json, metadata_json)
       VALUES (?, ?, CAST(? AS TEXT), CAST(? AS TEXT))
       ON CONFLICT (workflow_id, identity_hash) DO NOTHING RETURNING id`,
    );
    this.find = sqlite.prepare<[number, Buffer], { id: number; metadata_json: string }>(
      "SELECT id, metadata_json FROM test_samples WHERE workflow_id = ? AND identity_hash = ?",
    );
    this.updateMetadata = sqlite.prepare<[string, number]>(
      "UPDATE test_samples SET metadata_json = ? WHERE id = ?",
    );
  }

  /** Stores a validated sample (metadata included) and returns its id. */
  write(sample: Readonly<Record<string, unknown>>): StoredSample {
    const { sample: identity, metadata } = splitMetadata(sample);
    const sampleJson = canonicalStringify(identity);
    const id = this.writeCanonical(sha256(sampleJson), sampleJson, canonicalStringify(metadata));
    return { id, sampleJson };
  }

  /** `write` for a sample already split, canonical and hashed (see `prepareEdit`); returns its id. */
  writeCanonical(hash: Buffer, sampleJson: string | Buffer, metadataJson: string | Buffer): number {
    const inserted = this.insert.get(this.workflowId, hash, sampleJson, metadataJson);
    if (inserted) return inserted.id;
    const existing = this.find.get(this.workflowId, hash);
    if (!existing) throw new Error("a sample that conflicted on insert could not be found");
    const metadata = metadataJson.toString();
    if (metadata !== "{}") {
      const merged = canonicalStringify({
        ...(parseJson(existing.metadata_json) as JsonObject),
        ...(parseJson(metadata) as JsonObject),
      });
      if (merged !== existing.metadata_json) this.updateMetadata.run(merged, existing.id);
    }
    return existing.id;
  }

  /** The id of a stored sample, or undefined; metadata is ignored. */
  lookup(sample: Readonly<Record<string, unknown>>): number | undefined {
    const sampleJson = canonicalStringify(splitMetadata(sample).sample);
    return this.lookupHash(sha256(sampleJson));
  }

  lookupHash(hash: Buffer): number | undefined {
    return this.find.get(this.workflowId, hash)?.id;
  }
}

export type { JsonValue };
