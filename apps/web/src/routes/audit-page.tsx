import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { JsonView } from "../components/json";
import { Pager } from "../components/pager";
import { Empty, ErrorView, Loading } from "../components/states";
import { trpc } from "../lib/trpc";
import { useQueryState } from "../lib/url-state";

/** The registry's audit log, newest first: who changed what, and each change's before and after. */
export function AuditPage() {
  const query = useQueryState();
  const action = query.get("action") ?? "";
  const actor = query.get("actor") ?? "";
  const cursor = query.get("after") ?? null;
  const log = useQuery({
    ...trpc.audit.list.queryOptions({
      action: action || undefined,
      actor: actor || undefined,
      cursor,
      limit: 50,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <h1>Audit log</h1>
      <div className="toolbar" role="search">
        <input
          type="search"
          aria-label="Filter by action"
          placeholder="Action (model.update, or model)"
          defaultValue={action}
          onChange={(e) => query.set({ action: e.target.value.trim(), after: null })}
        />
        <input
          type="search"
          aria-label="Filter by actor"
          placeholder="Token name"
          defaultValue={actor}
          onChange={(e) => query.set({ actor: e.target.value.trim(), after: null })}
        />
      </div>
      {log.isPending ? (
        <Loading what="Loading the audit log" />
      ) : log.isError ? (
        <ErrorView error={log.error} retry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <Empty>No changes {action || actor ? "match these filters" : "yet"}.</Empty>
      ) : (
        <>
          <table className="table audit">
            <thead>
              <tr>
                <th>When</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at.toISOString()}>{entry.at.toLocaleString()}</time>
                  </td>
                  <td title={`via ${entry.via}`}>{entry.actor}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    <details>
                      <summary>{entry.target ?? "—"}</summary>
                      <div className="audit-change">
                        <Pane
                          title="Input"
                          value={entry.input}
                          label={`Input of change ${entry.id}`}
                        />
                        {entry.before !== null && (
                          <Pane
                            title="Before"
                            value={entry.before}
                            label={`Before change ${entry.id}`}
                          />
                        )}
                        <Pane
                          title="After"
                          value={entry.after}
                          label={`After change ${entry.id}`}
                        />
                      </div>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager nextCursor={log.data.nextCursor} nextLabel="Older changes" />
        </>
      )}
    </section>
  );
}

function Pane({ title, value, label }: { title: string; value: unknown; label: string }) {
  return (
    <figure>
      <figcaption>{title}</figcaption>
      <JsonView value={value} label={label} />
    </figure>
  );
}
