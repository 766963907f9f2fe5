import type { TestCaseRecord } from "@assay/workflow/wire";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";

import { Empty, ErrorView, Loading } from "../components/states";
import { modelColor, TRUTH_COLOR } from "../lib/colors";
import { trpc } from "../lib/trpc";
import { useQueryState } from "../lib/url-state";
import { chooseEvaluations } from "./evaluation";
import { FilterBar } from "./filter-bar";
import { decodeFilter } from "./filters";
import { SampleGrid } from "./grid";
import { Legend } from "./legend";
import type { SampleLine } from "./lines";
import { MatchSummary } from "./match-summary";
import { isDetectionMetrics, storedThreshold } from "./matches";
import { ModelPicker } from "./model-picker";
import { NewTestCaseDialog } from "./new-test-case";
import type { MatchKind } from "./overlay";
import { SampleDetail } from "./sample-detail";
import type { SourceContext } from "./sources";
import { countMatches, sourcesOf } from "./sources";
import { ThresholdControl } from "./threshold";
import { useInferences } from "./use-inferences";
import { useCaseRuns, useSampleMetrics } from "./use-sample-metrics";
import { useSamples } from "./use-samples";

const MATCH_KINDS: MatchKind[] = ["tp", "fp", "fn", "confused"];

/**
 * The Studio: a virtualised grid of a test case version's samples with ground truth and chosen models'
 * inferences drawn over them and judged by their evaluation, filters, a confidence threshold, keyboard
 * navigation, a full-size view, and a selection that can become a new test case. Everything but the selection
 * lives in the URL (the shape `galleryHref` writes, plus `t`, `config`, `hide`, `labels` and `sample`).
 */
export function Gallery({ testCase }: { testCase: TestCaseRecord }) {
  const query = useQueryState();
  const modelIds = query.getAll("model").map(Number).filter(Number.isInteger);
  const filterKey = query.getAll("f").join("\n");
  const filters = useMemo(
    () => (filterKey ? filterKey.split("\n") : []).map(decodeFilter).filter((f) => f !== null),
    [filterKey],
  );
  const hidden = new Set(query.getAll("hide"));
  const showLabels = query.get("labels") !== "0";
  const threshold = query.getNumber("t");
  const openId = query.getNumber("sample");

  const models = useQuery(
    trpc.model.list.queryOptions({ workflow: testCase.workflow, limit: 200 }),
  );
  // In the order of the URL: the order a drill-down chose, and the order layers are drawn.
  const chosen = modelIds.flatMap((id) => models.data?.items.find((m) => m.id === id) ?? []);
  const { pages, lines, pageIds } = useSamples(testCase.id, filters);
  const inferenceOf = useInferences(modelIds, pageIds);
  const runs = useCaseRuns(testCase.id, modelIds);
  const evaluations = chooseEvaluations(runs.data ?? [], modelIds, {
    suiteId: query.getNumber("suite"),
    configuration: query.get("config"),
    filters,
  });
  const metricsOf = useSampleMetrics(testCase.id, evaluations, pageIds);
  const context: SourceContext = {
    models: chosen,
    inferenceOf,
    metricsOf,
    evaluations,
    threshold,
    hidden,
  };
  const layerSources = (line: SampleLine) => sourcesOf(line, context);

  // Detections (per-sample metrics holding match lists) get the threshold slider and the line-style legend.
  const judged = lines.flatMap((line) =>
    evaluations.flatMap((e) => {
      const metrics = metricsOf(e.testRunId, line.id);
      return isDetectionMetrics(metrics) ? [metrics] : [];
    }),
  );
  const evaluatorThresholds = new Set(judged.map(storedThreshold));
  const evaluatorThreshold =
    evaluatorThresholds.size === 1 ? [...evaluatorThresholds][0] : undefined;
  // Only runs evaluated under several configurations offer a choice.
  const configurable = evaluations.filter((e) => e.run.configurations.length > 1);
  const configurations = [...new Set(configurable.flatMap((e) => e.run.configurations))];

  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [creating, setCreating] = useState(false);
  const toggle = (id: number) => setSelected((s) => toggled(s, id));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (!isFetchingNextPage) void fetchNextPage();
  }, [isFetchingNextPage, fetchNextPage]);
  const openIndex = openId === undefined ? -1 : lines.findIndex((l) => l.id === openId);
  const open = lines[openIndex];

  const legend = (
    <Legend
      layers={[
        { key: "truth", name: "Ground truth", color: TRUTH_COLOR, hidden: hidden.has("truth") },
        ...chosen.map((m) => ({
          key: String(m.id),
          name: m.name,
          color: modelColor(m.id),
          hidden: hidden.has(String(m.id)),
        })),
      ]}
      labels={showLabels}
      matchKinds={judged.length > 0 ? MATCH_KINDS : []}
      onToggle={(key) =>
        query.set({
          hide: hidden.has(key) ? [...hidden].filter((k) => k !== key) : [...hidden, key],
        })
      }
      onLabels={(shown) => query.set({ labels: shown ? null : "0" })}
    />
  );

  return (
    <div className="gallery">
      <ModelPicker
        models={models.data?.items ?? []}
        chosen={modelIds}
        onChange={(ids) => query.set({ model: ids.map(String) })}
      />
      {legend}
      {configurations.length > 1 && (
        <div className="toolbar">
          <label className="inline">
            Mistakes by configuration
            <select
              value={configurable[0]?.configuration ?? ""}
              onChange={(e) => query.set({ config: e.target.value })}
            >
              {configurations.map((c) => (
                <option key={c} value={c}>
                  {c || "no configuration"}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {judged.length > 0 && (
        <ThresholdControl
          value={threshold}
          evaluatorThreshold={evaluatorThreshold}
          counts={countMatches(lines, context).filter((c) => c.judged > 0)}
          samples={lines.length}
          onChange={(t) => query.set({ t: t === null ? null : t.toFixed(2) })}
        />
      )}
      <FilterBar
        filters={filters}
        models={chosen}
        runs={runs.data ?? []}
        onChange={(next) => query.set({ f: next, sample: null })}
      />
      <div className="toolbar">
        <MatchSummary
          testCase={testCase}
          filters={filters}
          runs={runs.data ?? []}
          loaded={pages.isPending ? undefined : lines.length}
          more={hasNextPage}
        />
        {selected.size > 0 && (
          <>
            <span>{selected.size} selected</span>
            <button type="button" onClick={() => setCreating(true)}>
              New test case from selection
            </button>
            <button type="button" className="secondary" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </>
        )}
      </div>
      {pages.isPending ? (
        <Loading what="Loading samples" />
      ) : pages.isError ? (
        <ErrorView error={pages.error} retry={() => void pages.refetch()} />
      ) : lines.length === 0 ? (
        <Empty>
          {filters.length ? "No sample matches these filters." : "This version holds no samples."}
        </Empty>
      ) : (
        <SampleGrid
          lines={lines}
          sourcesOf={layerSources}
          showLabels={showLabels}
          selected={selected}
          onToggle={toggle}
          onOpen={(index) => {
            const line = lines[index];
            if (line) query.set({ sample: line.id }, { push: true });
          }}
          hasMore={hasNextPage}
          loadMore={loadMore}
        />
      )}
      {open && (
        <SampleDetail
          line={open}
          sources={layerSources(open)}
          metrics={evaluations.map((e) => ({ ...e, metrics: metricsOf(e.testRunId, open.id) }))}
          legend={legend}
          showLabels={showLabels}
          onClose={() => query.set({ sample: null })}
          onStep={(delta) => {
            const next = lines[openIndex + delta];
            if (next) query.set({ sample: next.id });
          }}
        />
      )}
      {creating && (
        <NewTestCaseDialog
          source={testCase}
          sampleIds={[...selected]}
          onClose={() => setCreating(false)}
        />
      )}
    </div>
  );
}

function toggled(set: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
