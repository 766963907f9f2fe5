import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";

import { ErrorView, Loading, NotFound } from "../components/states";
import { Gallery } from "../gallery/gallery";
import { isNotFound } from "../lib/errors";
import { formatDate, formatNumber } from "../lib/format";
import { trpc } from "../lib/trpc";
import { useQueryState } from "../lib/url-state";

/** One test case version: its other versions, and its samples in the gallery. */
export function TestCasePage({ id }: { id: number }) {
  const testCase = useQuery(trpc.testCase.get.queryOptions({ id }));
  // The suite version a drill-down came from (`galleryHref`'s `suite`): the breadcrumb names it.
  const suiteId = useQueryState().getNumber("suite");
  const suite = useQuery({
    ...trpc.testSuite.get.queryOptions({ id: suiteId ?? 0 }),
    enabled: suiteId !== undefined,
  });
  const versions = useQuery({
    ...trpc.testCase.versions.queryOptions({ testCaseId: testCase.data?.testCaseId ?? 0 }),
    enabled: testCase.isSuccess,
  });
  if (testCase.isPending) return <Loading what="Loading the test case" />;
  if (testCase.isError)
    return isNotFound(testCase.error) ? (
      <NotFound what="Test case" id={id} back={{ href: "/suites", label: "All test suites" }} />
    ) : (
      <ErrorView error={testCase.error} retry={() => void testCase.refetch()} />
    );
  const record = testCase.data;
  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/suites">Test suites</Link> /{" "}
        {suite.data && (
          <>
            <Link href={`/suites/${suite.data.testSuiteId}?version=${suite.data.version}`}>
              {suite.data.name} v{suite.data.version}
            </Link>{" "}
            /{" "}
          </>
        )}
        <Link href={`/test-cases/${record.id}`} aria-current="page">
          {record.name}
        </Link>
      </nav>
      <h1>
        {record.name} <span className="muted">v{record.version}</span>
      </h1>
      <p className="muted">
        {record.workflow} · {formatNumber(record.sampleCount)} samples ·{" "}
        {formatDate(record.createdAt)}
        {record.description && ` · ${record.description}`}
      </p>
      {versions.data && versions.data.length > 1 && (
        <nav className="versions" aria-label="Versions">
          Versions:{" "}
          {versions.data.map((v) =>
            v.id === record.id ? (
              <strong key={v.id} aria-current="page">
                v{v.version}
              </strong>
            ) : (
              <Link key={v.id} href={`/test-cases/${v.id}`}>
                v{v.version}
              </Link>
            ),
          )}
        </nav>
      )}
      <Gallery key={record.id} testCase={record} />
    </section>
  );
}
