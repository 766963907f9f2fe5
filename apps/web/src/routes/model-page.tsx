import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";

import { JsonEditor, JsonView } from "../components/json";
import { Empty, ErrorView, Loading, NotFound } from "../components/states";
import { Tags } from "../components/tags";
import { isNotFound } from "../lib/errors";
import { formatDate } from "../lib/format";
import { errorMessage, trpc } from "../lib/trpc";
import { withQuery } from "../lib/url-state";

/** One model: rename it, edit its tags and metadata, and see the suites it was tested on. */
export function ModelPage({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const model = useQuery(trpc.model.get.queryOptions({ id }));
  const runs = useQuery(trpc.model.testRuns.queryOptions({ modelId: id }));
  const suites = useQueries({
    queries: (runs.data ?? []).map((run) =>
      trpc.testSuite.get.queryOptions({ id: run.testSuiteId }),
    ),
  });
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
        <h1>
          {record.name}{" "}
          <button type="button" className="link" onClick={() => setEditing("name")}>
            Rename
          </button>
        </h1>
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
      <h2>Tested on</h2>
      {runs.isPending ? (
        <Loading what="Loading test runs" />
      ) : runs.isError ? (
        <ErrorView error={runs.error} />
      ) : runs.data.length === 0 ? (
        <Empty>Not tested yet: run test() or `assay test` with this model.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Test suite</th>
              <th>Evaluator</th>
              <th>Status</th>
              <th>Updated</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run, i) => {
              const suite = suites[i]?.data;
              return (
                <tr key={run.id}>
                  <td>
                    {suite ? (
                      <Link
                        href={withQuery(`/suites/${suite.testSuiteId}`, { version: suite.version })}
                      >{`${suite.name} v${suite.version}`}</Link>
                    ) : (
                      "…"
                    )}
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
                        models: id,
                        evaluator: run.evaluator ?? undefined,
                      })}
                    >
                      Results
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InlineForm(props: {
  label: string;
  initial: string;
  pending: boolean;
  error?: string | undefined;
  onSave: (value: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave(value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onCancel();
      }}
    >
      <label>
        {props.label}
        <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" disabled={props.pending}>
        Save
      </button>
      <button type="button" className="secondary" onClick={props.onCancel}>
        Cancel
      </button>
      {props.error && (
        <span className="error" role="alert">
          {props.error}
        </span>
      )}
    </form>
  );
}
