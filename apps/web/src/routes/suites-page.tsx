import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "wouter";

import { Pager } from "../components/pager";
import { Empty, ErrorView, Loading } from "../components/states";
import { Tags } from "../components/tags";
import { trpc } from "../lib/trpc";
import { useQueryState } from "../lib/url-state";

export function SuitesPage() {
  const query = useQueryState();
  const tags = query.getAll("tag");
  const search = query.get("q") ?? "";
  const cursor = query.get("after") ?? null;
  const suites = useQuery({
    ...trpc.testSuite.list.queryOptions({ tags, search: search || undefined, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <h1>Test suites</h1>
      <div className="toolbar" role="search">
        <input
          type="search"
          aria-label="Search test suites"
          placeholder="Search by name"
          defaultValue={search}
          onChange={(e) => query.set({ q: e.target.value, after: null })}
        />
        {tags.map((tag) => (
          <button
            key={tag}
            type="button"
            className="tag active"
            onClick={() => query.set({ tag: tags.filter((t) => t !== tag) })}
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
                <th>Name</th>
                <th>Version</th>
                <th>Workflow</th>
                <th>Test cases</th>
                <th>Tags</th>
              </tr>
            </thead>
            <tbody>
              {suites.data.items.map((suite) => (
                <tr key={suite.id}>
                  <td>
                    <Link href={`/suites/${suite.testSuiteId}`}>{suite.name}</Link>
                  </td>
                  <td>v{suite.version}</td>
                  <td>{suite.workflow}</td>
                  <td>{suite.testCases.length}</td>
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
