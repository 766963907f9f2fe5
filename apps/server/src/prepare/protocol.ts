import type { PreparedEdit, PrepareFailure } from "@assay/api";

/** What the server's thread asks the preparing worker, and what it answers. */
export interface PrepareRequest {
  id: number;
  schemaJson: string;
  lines: string;
}

export type PrepareResponse =
  { id: number; prepared: PreparedEdit } | { id: number; failure: PrepareFailure };
