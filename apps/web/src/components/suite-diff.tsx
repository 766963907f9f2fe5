import type { RouterOutputs } from "@assay/api";
import { Link } from "wouter";

import { formatNumber } from "../lib/format";

type Diff = RouterOutputs["testSuite"]["history"][number]["diff"];

const samples = (n: number) => `${formatNumber(n)} sample${n === 1 ? "" : "s"}`;

/**
 * What a suite version changed from the one before: test cases added and removed, and test cases now at another
 * version with the samples that came and went (the server pairs test cases by name, as a suite holds one
 * version of each). Added and changed test cases are named, not linked: the table above links them, and a second
 * link of the same name would only repeat it; removed ones are linked, being nowhere else on the page.
 */
export function SuiteDiff({
  version,
  previous,
  diff,
}: {
  version: number;
  previous: number | undefined;
  diff: Diff;
}) {
  const empty = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <section className="suite-diff" aria-labelledby="suite-diff">
      <h2 id="suite-diff">
        {previous === undefined
          ? `v${version}: first version`
          : `Changes in v${version} since v${previous}`}
      </h2>
      {empty ? (
        <p className="muted">No test case changed.</p>
      ) : (
        <ul>
          {diff.added.map((tc) => (
            <li key={`+${tc.id}`} className="added">
              Added <strong>{tc.name}</strong> v{tc.version}
            </li>
          ))}
          {diff.removed.map((tc) => (
            <li key={`-${tc.id}`} className="removed">
              Removed <Link href={`/test-cases/${tc.id}`}>{tc.name}</Link> v{tc.version}
            </li>
          ))}
          {diff.changed.map((tc) => (
            <li key={`~${tc.id}`} className="changed">
              Changed <strong>{tc.name}</strong> v{tc.fromVersion} → v{tc.toVersion}:{" "}
              {samples(tc.samplesAdded)} added, {samples(tc.samplesRemoved)} removed
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
