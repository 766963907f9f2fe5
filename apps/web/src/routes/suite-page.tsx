import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";

import { Empty, ErrorView, Loading, NotFound } from "../components/states";
import { SuiteDiff } from "../components/suite-diff";
import { Tags } from "../components/tags";
import { isNotFound } from "../lib/errors";
import { formatDate, formatNumber } from "../lib/format";
import { galleryHref } from "../lib/links";
import { trpc } from "../lib/trpc";
import { useQueryState, withQuery } from "../lib/url-state";

/**
 * One test suite: any version, its test case versions with their sample counts, what the version changed, and a
 * way to compare models.
 */
export function SuitePage({ testSuiteId }: { testSuiteId: number }) {
  const query = useQueryState();
  const versions = useQuery(trpc.testSuite.versions.queryOptions({ testSuiteId }));
  const history = useQuery(trpc.testSuite.history.queryOptions({ testSuiteId }));
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
  // Every suite starts as an empty version 0 (Kolena's contract: `create` makes it, adding test cases makes v1);
  // once there are later versions it is noise in the picker, though still reachable by its URL.
  const shown = versions.data.filter(
    (v, _, all) => !(v.version === 0 && v.testCases.length === 0 && all.length > 1),
  );
  const latest = versions.data.at(-1);
  if (!latest) return <Empty>This test suite has no versions.</Empty>;
  const wanted = query.getNumber("version");
  const suite = versions.data.find((v) => v.version === wanted) ?? latest;
  if (wanted !== undefined && suite.version !== wanted)
    return (
      <NotFound
        what="Test suite version"
        id={`${latest.name} v${wanted}`}
        back={{ href: `/suites/${testSuiteId}`, label: `Latest ${latest.name}` }}
      />
    );
  const summary = history.data?.find((v) => v.version === suite.version);
  const previous = history.data?.filter((v) => v.version < suite.version).at(-1);
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
            {[...shown].reverse().map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.testCases.length} test cases · {formatDate(v.createdAt)}
                {v.version === latest.version ? " (latest)" : ""}
              </option>
            ))}
            {!shown.includes(suite) && (
              <option value={suite.version}>v{suite.version} · empty</option>
            )}
          </select>
        </label>
        <Link className="button" href={withQuery("/results", { suite: suite.id })}>
          Compare models on v{suite.version}
        </Link>
      </div>
      {suite.description && <p className="description">{suite.description}</p>}
      <p className="muted suite-facts">
        {suite.workflow} · {summary ? `${formatNumber(summary.sampleCount)} samples` : "… samples"}{" "}
        in {suite.testCases.length} test cases <Tags tags={suite.tags} />
      </p>
      {suite.testCases.length === 0 ? (
        <Empty>This version holds no test cases.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Test case</th>
              <th scope="col">Version</th>
              <th scope="col" className="num">
                Samples
              </th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {suite.testCases.map((tc) => (
              <tr key={tc.id}>
                <td>
                  <Link href={galleryHref({ testCaseId: tc.id, suiteId: suite.id })}>
                    {tc.name}
                  </Link>
                </td>
                <td>v{tc.version}</td>
                <td className="num">{formatNumber(tc.sampleCount)}</td>
                <td className="muted">{tc.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary && (
        <SuiteDiff version={suite.version} previous={previous?.version} diff={summary.diff} />
      )}
      {history.isError && <ErrorView error={history.error} retry={() => void history.refetch()} />}
    </section>
  );
}
