import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link } from "wouter";

import { errorMessage, trpc } from "../lib/trpc";
import { withQuery } from "../lib/url-state";

type Job = NonNullable<ReturnType<typeof useActiveJobs>["data"]>[number];

/** Evaluations under way are polled quickly; with none, slowly, to notice one a script starts. */
const POLL_BUSY_MS = 1_000;
const POLL_IDLE_MS = 10_000;

function useActiveJobs() {
  return useQuery({
    ...trpc.job.list.queryOptions({ status: ["queued", "running"], limit: 20 }),
    staleTime: 0,
    refetchInterval: (query) => ((query.state.data?.length ?? 0) > 0 ? POLL_BUSY_MS : POLL_IDLE_MS),
  });
}

/**
 * The server's evaluations that are queued or running, with their progress, each with a link to what it
 * evaluates and (for a token that may write) a Cancel button. Shown under the top bar only while there are some.
 */
export function ActiveJobs({ canCancel }: { canCancel: boolean }) {
  const jobs = useActiveJobs();
  const queryClient = useQueryClient();
  const finished = jobs.data?.length === 0;
  // When the last one ends, pages showing a run's status or results are out of date.
  useOnceDone(finished, () => {
    void queryClient.invalidateQueries(trpc.model.testRuns.pathFilter());
    // The models table and a model's page read runs and headline metrics through these.
    void queryClient.invalidateQueries(trpc.model.table.pathFilter());
    void queryClient.invalidateQueries(trpc.model.summary.pathFilter());
    void queryClient.invalidateQueries(trpc.result.pathFilter());
  });
  if (!jobs.data || jobs.data.length === 0) return null;
  return (
    <section className="jobs" aria-label="Evaluations under way" aria-live="polite">
      <ul>
        {jobs.data.map((job) => (
          <JobRow key={job.id} job={job} canCancel={canCancel} />
        ))}
      </ul>
    </section>
  );
}

function JobRow({ job, canCancel }: { job: Job; canCancel: boolean }) {
  const queryClient = useQueryClient();
  const run = useQuery(trpc.testRun.get.queryOptions({ id: job.testRunId }));
  const model = useQuery({
    ...trpc.model.get.queryOptions({ id: run.data?.modelId ?? 0 }),
    enabled: run.data !== undefined,
  });
  const suite = useQuery({
    ...trpc.testSuite.get.queryOptions({ id: run.data?.testSuiteId ?? 0 }),
    enabled: run.data !== undefined,
  });
  const cancel = useMutation(
    trpc.job.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.job.pathFilter()),
    }),
  );
  const percent = Math.round(job.progress * 100);
  const what =
    run.data && model.data && suite.data ? (
      <>
        <Link href={`/models/${run.data.modelId}`}>{model.data.name}</Link> on{" "}
        <Link
          href={withQuery("/results", {
            suite: run.data.testSuiteId,
            models: run.data.modelId,
            evaluator: run.data.evaluator ?? undefined,
          })}
        >{`${suite.data.name} v${suite.data.version}`}</Link>
        {run.data.evaluator && ` (${run.data.evaluator})`}
      </>
    ) : (
      `test run ${job.testRunId}`
    );
  const state = job.cancelRequested
    ? "cancelling"
    : job.status === "queued"
      ? "queued"
      : `${percent}%`;
  return (
    <li>
      <span className="job-what">Evaluating {what}</span>
      <progress
        max={100}
        value={job.status === "queued" ? undefined : percent}
        aria-label={`Evaluation ${job.id}: ${state}`}
      />
      <span className="job-state" title={job.message || undefined}>
        {state}
      </span>
      {canCancel && !job.cancelRequested && (
        <button
          type="button"
          className="link"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate({ id: job.id })}
        >
          Cancel
        </button>
      )}
      {cancel.isError && (
        <span className="error" role="alert">
          {errorMessage(cancel.error)}
        </span>
      )}
    </li>
  );
}

/** Calls `refresh` when `done` turns true after having been false (a transition, not every render). */
function useOnceDone(done: boolean, refresh: () => void) {
  const seen = useRef(done);
  useEffect(() => {
    if (done && !seen.current) refresh();
    seen.current = done;
  });
}
