import type { RouterOutputs } from "@assay/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";

import { InlineForm } from "../components/inline-form";
import { JsonEditor, JsonView } from "../components/json";
import { ModelResults } from "../components/model-results";
import { ErrorView, Loading, NotFound } from "../components/states";
import { Tags } from "../components/tags";
import { isNotFound } from "../lib/errors";
import { formatDate } from "../lib/format";
import { errorMessage, trpc } from "../lib/trpc";
import { withQuery } from "../lib/url-state";

/** One model: rename it, edit its tags and metadata, and see the suites it was tested on. */
export function ModelPage({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const model = useQuery(trpc.model.get.queryOptions({ id }));
  // Results, trend and runs in one request (it was one request per run for the suites' names).
  const summary = useQuery(trpc.model.summary.queryOptions({ modelId: id }));
  const [editing, setEditing] = useState<"metadata" | "name" | "tags" | null>(null);
  const update = useMutation(
    trpc.model.update.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        await queryClient.invalidateQueries(trpc.model.pathFilter());
      },
    }),
  );
  if (model.isPending) return <Loading what="Loading the model" />;
  if (model.isError)
    return isNotFound(model.error) ? (
      <NotFound what="Model" id={id} />
    ) : (
      <ErrorView error={model.error} retry={() => void model.refetch()} />
    );
  const record = model.data;
  return (
    <section>
      <p className="crumbs">
        <Link href="/models">Models</Link> /
      </p>
      {editing === "name" ? (
        <InlineForm
          label="Name"
          initial={record.name}
          pending={update.isPending}
          error={update.isError ? errorMessage(update.error) : undefined}
          onCancel={() => setEditing(null)}
          onSave={(name) => update.mutate({ id, name })}
        />
      ) : (
        // The button beside the heading, not in it: the heading is what focus lands on and what a screen
        // reader announces after navigating here, and "Rename" is no part of the model's name.
        <div className="title-row">
          <h1>{record.name}</h1>
          <button type="button" className="link" onClick={() => setEditing("name")}>
            Rename
          </button>
        </div>
      )}
      <dl className="facts">
        <dt>Workflow</dt>
        <dd>{record.workflow}</dd>
        <dt>Tags</dt>
        <dd>
          {editing === "tags" ? (
            <InlineForm
              label="Tags (comma separated)"
              initial={record.tags.join(", ")}
              pending={update.isPending}
              error={update.isError ? errorMessage(update.error) : undefined}
              onCancel={() => setEditing(null)}
              onSave={(text) =>
                update.mutate({
                  id,
                  tags: text
                    .split(",")
                    .map((t) => t.trim())
                    .filter(Boolean),
                })
              }
            />
          ) : (
            <>
              <Tags tags={record.tags} />{" "}
              <button type="button" className="link" onClick={() => setEditing("tags")}>
                Edit tags
              </button>
            </>
          )}
        </dd>
        <dt>Created</dt>
        <dd>{formatDate(record.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(record.updatedAt)}</dd>
      </dl>
      <h2>
        Metadata{" "}
        {editing !== "metadata" && (
          <button type="button" className="link" onClick={() => setEditing("metadata")}>
            Edit
          </button>
        )}
      </h2>
      {editing === "metadata" ? (
        <JsonEditor
          initial={record.metadata}
          saving={update.isPending}
          saveError={update.isError ? errorMessage(update.error) : undefined}
          onCancel={() => setEditing(null)}
          onSave={(metadata) => update.mutate({ id, metadata })}
        />
      ) : (
        <JsonView value={record.metadata} label="Metadata" />
      )}
      <h2>Latest results</h2>
      {summary.isPending ? (
        <Loading what="Loading results" />
      ) : summary.isError ? (
        <ErrorView error={summary.error} retry={() => void summary.refetch()} />
      ) : (
        <>
          <ModelResults modelId={id} summary={summary.data} />
          {summary.data.runs.length > 0 && <TestRuns modelId={id} runs={summary.data.runs} />}
        </>
      )}
    </section>
  );
}

/** Every run of the model, with its status (running, crashed) that the results above leave out. */
function TestRuns({
  modelId,
  runs,
}: {
  modelId: number;
  runs: RouterOutputs["model"]["summary"]["runs"];
}) {
  return (
    <>
      <h2>Test runs</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Test suite</th>
            <th scope="col">Evaluator</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Results</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link href={withQuery(`/suites/${run.suiteId}`, { version: run.suiteVersion })}>
                  {`${run.testSuite} v${run.suiteVersion}`}
                </Link>
              </td>
              <td>{run.evaluator ?? "—"}</td>
              <td>
                <span className={`status ${run.status}`} title={run.message || undefined}>
                  {run.status === "running"
                    ? `running ${Math.round(run.progress * 100)}%`
                    : run.status}
                </span>
              </td>
              <td>{formatDate(run.updatedAt)}</td>
              <td>
                <Link
                  href={withQuery("/results", {
                    suite: run.testSuiteId,
                    models: modelId,
                    evaluator: run.evaluator ?? undefined,
                  })}
                >
                  Results
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
