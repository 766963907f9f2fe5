import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "wouter";

import { Pager } from "../components/pager";
import { Empty, ErrorView, Loading } from "../components/states";
import { Tags } from "../components/tags";
import { formatNumber } from "../lib/format";
import { trpc } from "../lib/trpc";
import { useQueryState, useSearchDraft } from "../lib/url-state";

/** The test suites: name search (on the server) and tag filters kept in the URL, each suite's description. */
export function SuitesPage() {
  const query = useQueryState();
  const tags = query.getAll("tag");
  const { search, draft, setDraft } = useSearchDraft();
  const cursor = query.get("after") ?? null;
  const suites = useQuery({
    ...trpc.testSuite.list.queryOptions({ tags, search: search || undefined, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  // Distinct samples of the whole page in one request (test cases that share samples count them once).
  const ids = suites.data?.items.map((suite) => suite.id) ?? [];
  const counts = useQuery({
    ...trpc.testSuite.sampleCounts.queryOptions({ ids }),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  });
  const sampleCount = new Map(counts.data?.map((c) => [c.id, c.sampleCount]));
  return (
    <section>
      <h1>Test suites</h1>
      <div className="toolbar" role="search">
        <input
          type="search"
          aria-label="Search test suites"
          placeholder="Search by name"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        {tags.map((tag) => (
          <button
            key={tag}
            type="button"
            className="tag active"
            onClick={() => query.set({ tag: tags.filter((t) => t !== tag) })}
            aria-label={`Remove tag filter ${tag}`}
          >
            {tag} ×
          </button>
        ))}
      </div>
      {suites.isPending ? (
        <Loading what="Loading test suites" />
      ) : suites.isError ? (
        <ErrorView error={suites.error} retry={() => void suites.refetch()} />
      ) : suites.data.items.length === 0 ? (
        <Empty>
          No test suites{" "}
          {tags.length || search ? "match these filters" : "yet: create one with TestSuite.init()"}.
        </Empty>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Version</th>
                <th scope="col">Workflow</th>
                <th scope="col" className="num">
                  Test cases
                </th>
                <th scope="col" className="num">
                  Samples
                </th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {suites.data.items.map((suite) => (
                <tr key={suite.id}>
                  <td>
                    <Link href={`/suites/${suite.testSuiteId}`}>{suite.name}</Link>
                  </td>
                  <td className="muted description-cell">{suite.description}</td>
                  <td>v{suite.version}</td>
                  <td>{suite.workflow}</td>
                  <td className="num">{suite.testCases.length}</td>
                  <td className="num">
                    {sampleCount.has(suite.id) ? formatNumber(sampleCount.get(suite.id) ?? 0) : "…"}
                  </td>
                  <td>
                    <Tags
                      tags={suite.tags}
                      onClick={(tag) =>
                        !tags.includes(tag) && query.set({ tag: [...tags, tag], after: null })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager nextCursor={suites.data.nextCursor} />
        </>
      )}
    </section>
  );
}
