/**
 * Helpers for tests of the API: a fresh migrated in-memory store, callers holding tokens of each scope, and a
 * workflow shaped like Kolena's integration-test "Dummy Workflow".
 */
import type { DB } from "@assay/db";
import { createTestDatabase } from "@assay/db";
import type { JsonValue, WorkflowJsonSchema } from "@assay/workflow";
import type { LinesPage, TokenScope } from "@assay/workflow/wire";
import {
  BoundingBox,
  defineWorkflow,
  GroundTruth,
  Image,
  InputValidationError,
  Inference,
  Metadata,
} from "@assay/workflow";
import { decodeLines, encodeLines } from "@assay/workflow/wire";
import { z } from "zod";

import { appRouter } from "./root";
import { runJob } from "./services/evaluation";
import { claimNextJob, finishJob } from "./services/jobs";
import { createToken } from "./services/auth";
import type { Caller, Context } from "./trpc";
import { createCallerFactory } from "./trpc";

export const dummyWorkflow = defineWorkflow({
  name: "Dummy Workflow 🤖",
  testSample: Image.extend({ value: z.int(), bbox: BoundingBox, metadata: Metadata }),
  groundTruth: GroundTruth.extend({ label: z.string(), value: z.int() }),
  inference: Inference.extend({ score: z.number() }),
});

export function dummySample(i: number, prefix = "dummy") {
  return {
    locator: `https://fake-locator/${prefix}/${i}.png`,
    value: i,
    bbox: {
      topLeft: [i, i] as [number, number],
      bottomRight: [i + 10, i + 20] as [number, number],
    },
    metadata: { extra: i },
  };
}

export function dummyGroundTruth(i: number) {
  return { label: `ground truth ${i}`, value: i };
}

const createCaller = createCallerFactory(appRouter);

export type ApiCaller = ReturnType<typeof createCaller>;

export interface TestApi {
  db: DB;
  /** An admin caller. */
  api: ApiCaller;
  /** A caller holding a fresh token of `scope`, or nobody. */
  as(scope: TokenScope | null): ApiCaller;
  cookies: { name: string; value: string }[];
}

/**
 * A fresh migrated in-memory store (or `options.db`) and callers over it; `preparer` and `writer` put batches
 * through the server's threads instead of the calling thread.
 */
export function setupApi(
  options: Pick<Context, "preparer" | "writer"> & { db?: DB } = {},
): TestApi {
  const db = options.db ?? createTestDatabase();
  const cookies: { name: string; value: string }[] = [];
  let tokens = 0;
  const as = (scope: TokenScope | null) => {
    let caller: Caller | null = null;
    if (scope) {
      const { info } = createToken(db, { name: `test ${scope} ${++tokens}`, scope });
      caller = { tokenId: info.id, tokenName: info.name, scope, via: "token" };
    }
    const context: Context = {
      db,
      preparer: options.preparer,
      writer: options.writer,
      caller,
      secure: false,
      cookies: {
        set: (name, value) => cookies.push({ name, value }),
        clear: (name) => cookies.push({ name, value: "" }),
      },
    };
    return createCaller(context);
  };
  return { db, api: as("admin"), as, cookies };
}

/**
 * Runs the queued jobs in this thread, one after the other, as the server's job runner would in its thread;
 * returns how many ran.
 */
export async function runQueuedJobs(db: DB): Promise<number> {
  let ran = 0;
  for (let job = claimNextJob(db, "test", 60_000); job; job = claimNextJob(db, "test", 60_000)) {
    try {
      await runJob(db, job.id);
      finishJob(db, job.id, "test", { status: "done" });
    } catch (error) {
      finishJob(db, job.id, "test", { status: "failed", error: String(error) });
    }
    ran++;
  }
  return ran;
}

/** Registers the dummy workflow (and optionally another one) as the SDK would. */
export async function registerDummy(
  api: ApiCaller,
  workflow: { toJSONSchema(): WorkflowJsonSchema } = dummyWorkflow,
) {
  return api.workflow.register(workflow.toJSONSchema());
}

/** Edit lines that add each `[sample, groundTruth]` pair. */
export function adds(pairs: readonly (readonly [unknown, unknown])[], testCase?: string): string {
  return encodeLines(
    pairs.map(([testSample, groundTruth]) => ({ op: "add", testSample, groundTruth, testCase })),
  );
}

export function removes(samples: readonly unknown[], testCase?: string): string {
  return encodeLines(samples.map((testSample) => ({ op: "remove", testSample, testCase })));
}

/** Reads every page of a paged procedure and returns the decoded lines. */
export async function readAll(
  page: (cursor: string | null) => Promise<LinesPage>,
): Promise<JsonValue[]> {
  const out: JsonValue[] = [];
  let cursor: string | null = null;
  do {
    const result: LinesPage = await page(cursor);
    out.push(...decodeLines(result.lines));
    cursor = result.nextCursor;
  } while (cursor !== null);
  return out;
}

/** Runs `fn` and returns the tRPC error it throws, for assertions on code, kind and message. */
export async function failure(
  fn: () => Promise<unknown>,
): Promise<{ code: string; kind?: string | undefined; message: string; fields: string[] }> {
  try {
    await fn();
  } catch (error) {
    const e = error as { code: string; kind?: string; message: string; cause?: unknown };
    const invalid = e.cause instanceof InputValidationError ? e.cause : undefined;
    return {
      code: e.code,
      kind: e.kind ?? (invalid || e.cause instanceof z.ZodError ? "INVALID_INPUT" : undefined),
      message: e.message,
      fields: invalid ? invalid.issues.map((issue) => issue.path) : [],
    };
  }
  throw new Error("expected the call to fail");
}
