import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "wouter";

import { Pager } from "../components/pager";
import { Empty, ErrorView, Loading } from "../components/states";
import { Tags } from "../components/tags";
import { formatDate } from "../lib/format";
import { trpc } from "../lib/trpc";
import { useQueryState } from "../lib/url-state";

const SORTS = {
  created: "Oldest first",
  "-created": "Newest first",
  name: "Name A–Z",
  "-name": "Name Z–A",
} as const;
type Sort = keyof typeof SORTS;

/** The models registry: search, tag filters, sorting and cursor pages, all kept in the URL. */
export function ModelsPage() {
  const query = useQueryState();
  const search = query.get("q") ?? "";
  const tags = query.getAll("tag");
  const sort = (query.get("sort") ?? "-created") as Sort;
  const cursor = query.get("after") ?? null;
  const [draft, setDraft] = useState(search);
  const [tagDraft, setTagDraft] = useState("");
  useEffect(() => {
    // Search as the user types, without a request per keystroke.
    const timer = setTimeout(() => {
      if (draft !== search) query.set({ q: draft, after: null });
    }, 250);
    return () => clearTimeout(timer);
  }, [draft, search, query]);
  const models = useQuery({
    ...trpc.model.list.queryOptions({ search: search || undefined, tags, sort, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const addTag = (tag: string) => {
    if (tag && !tags.includes(tag)) query.set({ tag: [...tags, tag], after: null });
  };
  return (
    <section>
      <h1>Models</h1>
      <div className="toolbar" role="search">
        <input
          type="search"
          aria-label="Search models by name"
          placeholder="Search by name"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            addTag(tagDraft.trim());
            setTagDraft("");
          }}
        >
          <input
            aria-label="Filter by tag"
            placeholder="Filter by tag"
            value={tagDraft}
            onChange={(e) => setTagDraft(e.target.value)}
          />
        </form>
        {tags.map((tag) => (
          <button
            key={tag}
            type="button"
            className="tag active"
            onClick={() => query.set({ tag: tags.filter((t) => t !== tag), after: null })}
            aria-label={`Remove tag filter ${tag}`}
          >
            {tag} ×
          </button>
        ))}
        <label className="inline">
          Sort
          <select value={sort} onChange={(e) => query.set({ sort: e.target.value, after: null })}>
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {models.isPending ? (
        <Loading what="Loading models" />
      ) : models.isError ? (
        <ErrorView error={models.error} retry={() => void models.refetch()} />
      ) : models.data.items.length === 0 ? (
        <Empty>
          {search || tags.length
            ? "No model matches these filters."
            : "No models yet: register one with Model.init() or `assay model create`."}
        </Empty>
      ) : (
        <>
          <table className="table" aria-busy={models.isFetching}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Workflow</th>
                <th>Tags</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {models.data.items.map((model) => (
                <tr key={model.id}>
                  <td>
                    <Link href={`/models/${model.id}`}>{model.name}</Link>
                  </td>
                  <td>{model.workflow}</td>
                  <td>
                    <Tags tags={model.tags} onClick={addTag} />
                  </td>
                  <td>{formatDate(model.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager nextCursor={models.data.nextCursor} />
        </>
      )}
    </section>
  );
}
