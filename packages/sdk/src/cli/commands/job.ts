import { parseArgs } from "node:util";

import type { JobRecord } from "@assay/workflow/wire";

import { getClient } from "../../client/client";
import type { Io } from "../io";
import { formatJson, formatTable, UsageError } from "../io";

export const JOB_HELP = `Usage:
  assay job list [--all] [--run TEST_RUN_ID] [--json]
      The server's background jobs (evaluations with a built-in evaluator), newest first: those queued or
      running, or with --all those that ended too; --run keeps one test run's.
  assay job show ID [--json]
  assay job cancel ID [--json]
      Stops a job: a queued one at once, a running one within moments. Its test run is marked crashed.
`;

export async function jobCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      all: { type: "boolean", default: false },
      run: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const client = getClient();
  const print = (job: JobRecord) => io.out(values.json ? formatJson(job) : describe(job));
  switch (sub) {
    case "list": {
      const jobs = await client.call((trpc) =>
        trpc.job.list.query({
          testRunId: values.run === undefined ? undefined : idOf(values.run),
          status: values.all ? undefined : ["queued", "running"],
        }),
      );
      io.out(
        values.json
          ? formatJson(jobs)
          : formatTable(
              ["ID", "RUN", "STATUS", "PROGRESS", "MESSAGE"],
              jobs.map((job) => [
                String(job.id),
                String(job.testRunId),
                job.status,
                `${Math.round(job.progress * 100)} %`,
                job.error ?? job.message,
              ]),
            ),
      );
      return 0;
    }
    case "show":
      print(await client.call((trpc) => trpc.job.get.query({ id: idOf(positionals[0]) })));
      return 0;
    case "cancel":
      print(await client.call((trpc) => trpc.job.cancel.mutate({ id: idOf(positionals[0]) })));
      return 0;
    default:
      throw new UsageError(sub ? `unknown job command '${sub}'` : "job needs list, show or cancel");
  }
}

function idOf(text: string | undefined): number {
  const id = Number(text);
  if (!text || !Number.isInteger(id) || id < 1)
    throw new UsageError("a job or run id is a positive integer");
  return id;
}

function describe(job: JobRecord): string {
  const lines = [
    `job ${job.id}: ${job.kind} of test run ${job.testRunId}`,
    `status: ${job.status}${job.cancelRequested && job.status === "running" ? " (cancelling)" : ""}`,
    `progress: ${Math.round(job.progress * 100)} %${job.message ? ` (${job.message})` : ""}`,
  ];
  if (job.error) lines.push(`error: ${job.error}`);
  lines.push(`attempts: ${job.attempts}, created ${job.createdAt.toISOString()}`);
  return `${lines.join("\n")}\n`;
}
