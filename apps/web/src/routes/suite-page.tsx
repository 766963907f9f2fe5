import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";

import { Empty, ErrorView, Loading, NotFound } from "../components/states";
import { Tags } from "../components/tags";
import { isNotFound } from "../lib/errors";
import { formatDate, formatNumber } from "../lib/format";
import { trpc } from "../lib/trpc";
import { useQueryState, withQuery } from "../lib/url-state";

/** One test suite: any version, its test case versions with their sample counts, and a way to compare models. */
export function SuitePage({ testSuiteId }: { testSuiteId: number }) {
  const query = useQueryState();
  const versions = useQuery(trpc.testSuite.versions.queryOptions({ testSuiteId }));
  if (versions.isPending) return <Loading what="Loading the test suite" />;
  if (versions.isError)
    return isNotFound(versions.error) ? (
      <NotFound
        what="Test suite"
        id={testSuiteId}
        back={{ href: "/suites", label: "All test suites" }}
      />
    ) : (
      <ErrorView error={versions.error} retry={() => void versions.refetch()} />
    );
  const latest = versions.data.at(-1);
  if (!latest) return <Empty>This test suite has no versions.</Empty>;
  const wanted = query.getNumber("version");
  const suite = versions.data.find((v) => v.version === wanted) ?? latest;
  const samples = suite.testCases.reduce((sum, tc) => sum + tc.sampleCount, 0);
  return (
    <section>
      <p className="crumbs">
        <Link href="/suites">Test suites</Link> /
      </p>
      <h1>{suite.name}</h1>
      <div className="toolbar">
        <label className="inline">
          Version
          <select
            value={suite.version}
            onChange={(e) => query.set({ version: e.target.value }, { push: true })}
          >
            {[...versions.data].reverse().map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.testCases.length} test cases · {formatDate(v.createdAt)}
                {v.version === latest.version ? " (latest)" : ""}
              </option>
            ))}
          </select>
        </label>
        <Link className="button" href={withQuery("/results", { suite: suite.id })}>
          Compare models on v{suite.version}
        </Link>
      </div>
      {suite.description && <p className="description">{suite.description}</p>}
      <p className="muted">
        {suite.workflow} · {formatNumber(samples)} samples in {suite.testCases.length} test cases{" "}
        <Tags tags={suite.tags} />
      </p>
      {suite.testCases.length === 0 ? (
        <Empty>This version holds no test cases.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Test case</th>
              <th>Version</th>
              <th className="num">Samples</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {suite.testCases.map((tc) => (
              <tr key={tc.id}>
                <td>
                  <Link href={`/test-cases/${tc.id}`}>{tc.name}</Link>
                </td>
                <td>v{tc.version}</td>
                <td className="num">{formatNumber(tc.sampleCount)}</td>
                <td className="muted">{tc.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
