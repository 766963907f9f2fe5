/**
 * The reading thread: comparisons of many models over many test cases (see `ComparisonReader`), on its own
 * connection, so that the server's thread answers other requests (and /healthz) while a matrix is tested. It keeps
 * its own memory of answers until the store changes, as the server's thread would.
 */
import type { CompareInput, Comparison, WireFailure } from "@assay/api/threads";
import { compareModels, toWireFailure } from "@assay/api/threads";
import { openDatabase } from "@assay/db";
import { workerData } from "piscina";
import type { z } from "zod";

export interface ReadTask {
  op: "compare";
  input: z.input<typeof CompareInput>;
}

export type ReadAnswer = { result: Comparison } | { failure: WireFailure };

// The server's thread has migrated the store already.
const db = openDatabase((workerData as { file: string }).file, {
  migrate: false,
  cacheMb: 16,
  autoCheckpoint: false,
});

export default function read(task: ReadTask): ReadAnswer {
  try {
    return { result: compareModels(db, task.input) };
  } catch (error) {
    return { failure: toWireFailure(error) };
  }
}

/** Answers once this module has loaded (see `threadLoaded`). */
export const loaded = (): boolean => true;
