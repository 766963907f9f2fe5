import type { RouterOutputs } from "@assay/api";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "wouter";

import { MetadataColumns, MetadataFilters } from "../components/metadata-filters";
import { Pager } from "../components/pager";
import { Empty, ErrorView, Loading } from "../components/states";
import { Tags } from "../components/tags";
import { formatDate, formatMetric, formatNumber } from "../lib/format";
import { atPath } from "../lib/json-path";
import type { MetadataFilter } from "../lib/metadata-filter";
import { decodeMetadataFilter, encodeMetadataFilter } from "../lib/metadata-filter";
import { resultsHref } from "../lib/results-link";
import { trpc } from "../lib/trpc";
import { useQueryState, useSearchDraft } from "../lib/url-state";

const SORTS = {
  created: "Oldest first",
  "-created": "Newest first",
  name: "Name A–Z",
  "-name": "Name Z–A",
} as const;
type Sort = keyof typeof SORTS;
const isSort = (value: string | undefined): value is Sort =>
  value !== undefined && Object.hasOwn(SORTS, value);

type Row = RouterOutputs["model"]["table"]["items"][number];

/**
 * The models registry: search, tag and metadata filters (applied by the server), chosen metadata columns, each
 * model's last test and headline metric, sorting and cursor pages, all kept in the URL. One request per page
 * (`model.table`), whatever the number of rows.
 */
export function ModelsPage() {
  const query = useQueryState();
  const { search, draft, setDraft } = useSearchDraft();
  const tags = query.getAll("tag");
  // A fresh array each render is fine: TanStack Query keys on the input's value, not its identity.
  const filters = query.getAll("meta").flatMap((text) => decodeMetadataFilter(text) ?? []);
  const columns = query.getAll("col");
  const sortParam = query.get("sort");
  const sort: Sort = isSort(sortParam) ? sortParam : "-created";
  const cursor = query.get("after") ?? null;
  const [tagDraft, setTagDraft] = useState("");
  const models = useQuery({
    ...trpc.model.table.queryOptions({
      search: search || undefined,
      tags,
      metadata: filters.length > 0 ? filters : undefined,
      sort,
      cursor,
      limit: 50,
    }),
    placeholderData: keepPreviousData,
  });
  const keys = useMemo(
    () => [...new Set((models.data?.items ?? []).flatMap((m) => Object.keys(m.metadata)))].sort(),
    [models.data],
  );
  const addTag = (tag: string) => {
    if (tag && !tags.includes(tag)) query.set({ tag: [...tags, tag], after: null });
  };
  const setFilters = (next: MetadataFilter[]) =>
    query.set({ meta: next.map(encodeMetadataFilter), after: null });
  const setColumns = (next: string[]) => query.set({ col: next });
  const filtered = Boolean(search || tags.length || filters.length);
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
      <div className="toolbar">
        <MetadataFilters filters={filters} keys={keys} onChange={setFilters} />
        <MetadataColumns columns={columns} keys={keys} onChange={setColumns} />
      </div>
      {models.isPending ? (
        <Loading what="Loading models" />
      ) : models.isError ? (
        <ErrorView error={models.error} retry={() => void models.refetch()} />
      ) : models.data.items.length === 0 ? (
        <Empty>
          {filtered
            ? "No model matches these filters."
            : "No models yet: register one with Model.init() or `assay model create`."}
        </Empty>
      ) : (
        <>
          <table className="table models" aria-busy={models.isFetching}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Workflow</th>
                <th scope="col">Tags</th>
                {columns.map((column) => (
                  <th scope="col" key={column}>
                    {column}{" "}
                    <button
                      type="button"
                      className="link"
                      aria-label={`Remove column ${column}`}
                      onClick={() => setColumns(columns.filter((c) => c !== column))}
                    >
                      ×
                    </button>
                  </th>
                ))}
                <th scope="col">Headline metric</th>
                <th scope="col">Last tested</th>
                <th scope="col">Created</th>
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
                  {columns.map((column) => (
                    <td key={column} className="meta-cell">
                      {metadataText(atPath(model.metadata, column))}
                    </td>
                  ))}
                  <td>
                    <HeadlineCell model={model} />
                  </td>
                  <td>{model.lastTestedAt ? formatDate(model.lastTestedAt) : "never"}</td>
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

function metadataText(value: unknown): string {
  return value === undefined ? "—" : formatMetric(value);
}

/**
 * The newest completed run's headline metric (a rate with a direction, on the suite's largest test case; see
 * `headlineMetrics` in `@assay/api`), linking to the results it comes from with this model selected.
 */
function HeadlineCell({ model }: { model: Row }) {
  const headline = model.headline;
  if (!headline) return <span className="muted">—</span>;
  const where = `${headline.testSuite} v${headline.suiteVersion}${
    headline.testCase ? ` · ${headline.testCase.name}` : ""
  }`;
  return (
    <Link
      className="headline"
      href={resultsHref({
        testSuiteVersionId: headline.testSuiteVersionId,
        modelIds: [model.id],
        evaluator: headline.evaluator,
        configuration: headline.configuration,
        metrics: [headline.metric],
      })}
    >
      <span className="headline-name">{headline.displayName}</span>{" "}
      <strong>{headline.value === null ? "–" : formatNumber(headline.value)}</strong>{" "}
      <span className="muted">on {where}</span>
    </Link>
  );
}
