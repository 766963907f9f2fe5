import type { JsonValue } from "@assay/workflow";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { decodeLines } from "@assay/workflow/wire";
import { useInfiniteQuery, useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useState } from "react";
import { useLocation } from "wouter";

import { Empty, ErrorView, Loading } from "../components/states";
import { modelColor, TRUTH_COLOR } from "../lib/colors";
import { formatNumber } from "../lib/format";
import { errorMessage, trpc } from "../lib/trpc";
import { useQueryState } from "../lib/url-state";
import { FilterBar } from "./filter-bar";
import { decodeFilter } from "./filters";
import type { RunRef } from "./sample-detail";
import { SampleDetail } from "./sample-detail";
import type { SampleLine, Source } from "./sample-view";
import { SampleView } from "./sample-view";

const TILE = 184;
const PAGE = 120;

/**
 * The Studio: a virtualised grid of a test case version's samples with ground truth and chosen models'
 * inferences drawn over them, filters, keyboard navigation, a full-size view, and a selection that can become a
 * new test case. Everything but the selection lives in the URL.
 */
export function Gallery({ testCase }: { testCase: TestCaseRecord }) {
  const query = useQueryState();
  const [, navigate] = useLocation();
  const modelIds = query.getAll("model").map(Number).filter(Number.isInteger);
  const showTruth = query.get("truth") !== "0";
  const filterKey = query.getAll("f").join("\n");
  const filters = useMemo(
    () => (filterKey ? filterKey.split("\n") : []).map(decodeFilter).filter((f) => f !== null),
    [filterKey],
  );
  const openId = query.getNumber("sample");
  const models = useQuery(
    trpc.model.list.queryOptions({ workflow: testCase.workflow, limit: 200 }),
  );
  const chosen = (models.data?.items ?? []).filter((m) => modelIds.includes(m.id));
  const pages = useInfiniteQuery(
    trpc.testCase.samples.infiniteQueryOptions(
      { testCaseId: testCase.id, filters, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const lines = useMemo(
    () =>
      (pages.data?.pages ?? []).flatMap(
        (page) => decodeLines(page.lines) as unknown as SampleLine[],
      ),
    [pages.data],
  );
  const inferencePages = useQueries({
    queries: (pages.data?.pages ?? []).map((page) => {
      const sampleIds = (decodeLines(page.lines) as unknown as SampleLine[]).map((l) => l.id);
      return {
        ...trpc.model.inferencesForSamples.queryOptions({ modelIds, sampleIds }),
        enabled: modelIds.length > 0 && sampleIds.length > 0,
      };
    }),
  });
  const inferences = useMemo(() => {
    const map = new Map<string, JsonValue>();
    for (const page of inferencePages) {
      for (const row of decodeLines(page.data?.lines ?? "") as unknown as {
        modelId: number;
        sampleId: number;
        inference: JsonValue;
      }[]) {
        map.set(`${row.sampleId}:${row.modelId}`, row.inference);
      }
    }
    return map;
  }, [inferencePages]);
  const runs = useRunsOf(chosen, testCase.id);

  const sourcesOf = (line: SampleLine): Source[] => [
    ...(showTruth ? [{ name: "ground truth", color: TRUTH_COLOR, value: line.groundTruth }] : []),
    ...chosen.map((model) => ({
      name: model.name,
      color: modelColor(model.id),
      value: inferences.get(`${line.id}:${model.id}`),
    })),
  ];

  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [focus, setFocus] = useState(0);
  // A callback ref: the grid mounts only once samples arrive, and its width decides the columns.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const [columns, setColumns] = useState(5);
  useEffect(() => {
    if (!scroller) return;
    const observer = new ResizeObserver(() =>
      setColumns(Math.max(1, Math.floor(scroller.clientWidth / TILE))),
    );
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scroller]);
  const rows = Math.ceil(lines.length / columns);
  const virtualizer = useVirtualizer({
    count: rows + (pages.hasNextPage ? 1 : 0),
    getScrollElement: () => scroller,
    estimateSize: () => TILE,
    overscan: 3,
  });
  const items = virtualizer.getVirtualItems();
  const lastRow = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastRow >= rows - 1 && pages.hasNextPage && !pages.isFetchingNextPage)
      void pages.fetchNextPage();
  }, [lastRow, rows, pages]);

  const open = (index: number) => {
    const line = lines[index];
    if (line) query.set({ sample: line.id }, { push: true });
  };
  const move = (delta: number) => {
    const next = Math.min(Math.max(focus + delta, 0), Math.max(lines.length - 1, 0));
    setFocus(next);
    virtualizer.scrollToIndex(Math.floor(next / columns));
  };
  const openIndex = openId === undefined ? -1 : lines.findIndex((l) => l.id === openId);

  const createTestCase = useMutation(
    trpc.testCase.createFromSamples.mutationOptions({
      onSuccess: (record) => navigate(`/test-cases/${record.id}`),
    }),
  );

  return (
    <div className="gallery">
      <div className="toolbar">
        <label className="inline">
          <input
            type="checkbox"
            checked={showTruth}
            onChange={(e) => query.set({ truth: e.target.checked ? null : "0" })}
          />
          <span className="swatch" style={{ background: TRUTH_COLOR }} /> Ground truth
        </label>
        {(models.data?.items ?? []).map((model) => {
          const index = chosen.findIndex((m) => m.id === model.id);
          return (
            <label key={model.id} className="inline">
              <input
                type="checkbox"
                checked={index >= 0}
                onChange={(e) =>
                  query.set({
                    model: e.target.checked
                      ? [...modelIds, model.id].map(String)
                      : modelIds.filter((id) => id !== model.id).map(String),
                  })
                }
              />
              {index >= 0 && (
                <span className="swatch" style={{ background: modelColor(model.id) }} />
              )}{" "}
              {model.name}
            </label>
          );
        })}
      </div>
      <FilterBar
        filters={filters}
        models={chosen}
        runs={runs}
        onChange={(next) => query.set({ f: next, sample: null })}
      />
      <div className="toolbar">
        <span className="muted">
          {pages.isPending
            ? ""
            : `${formatNumber(lines.length)}${pages.hasNextPage ? "+" : ""} of ${formatNumber(testCase.sampleCount)} samples${filters.length ? " match" : ""}`}
        </span>
        {selected.size > 0 && (
          <>
            <span>{selected.size} selected</span>
            <button
              type="button"
              disabled={createTestCase.isPending}
              onClick={() => {
                const name = window.prompt(
                  `Name of the new test case (${selected.size} samples from ${testCase.name} v${testCase.version})`,
                );
                if (name)
                  createTestCase.mutate({
                    name,
                    sourceTestCaseId: testCase.id,
                    sampleIds: [...selected],
                  });
              }}
            >
              New test case from selection
            </button>
            <button type="button" className="secondary" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </>
        )}
        {createTestCase.isError && (
          <span className="error">{errorMessage(createTestCase.error)}</span>
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
        <div
          className="grid-scroller"
          ref={setScroller}
          tabIndex={0}
          role="grid"
          aria-label="Samples"
          aria-rowcount={rows}
          onKeyDown={(event) => {
            const keys: Record<string, number> = {
              ArrowRight: 1,
              ArrowLeft: -1,
              ArrowDown: columns,
              ArrowUp: -columns,
            };
            if (event.key in keys) {
              event.preventDefault();
              move(keys[event.key] as number);
            } else if (event.key === "Enter") open(focus);
            else if (event.key === " ") {
              event.preventDefault();
              const line = lines[focus];
              if (line) setSelected((s) => toggle(s, line.id));
            }
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {items.map((row) => (
              <div
                key={row.key}
                role="row"
                className="grid-row"
                style={{ transform: `translateY(${row.start}px)`, height: TILE }}
              >
                {lines
                  .slice(row.index * columns, row.index * columns + columns)
                  .map((line, column) => {
                    const index = row.index * columns + column;
                    return (
                      <div
                        key={line.id}
                        role="gridcell"
                        className={`tile${index === focus ? " focused" : ""}${selected.has(line.id) ? " selected" : ""}`}
                        data-sample-id={line.id}
                        onClick={(event) => {
                          setFocus(index);
                          if (event.shiftKey || event.metaKey || event.ctrlKey)
                            setSelected((s) => toggle(s, line.id));
                          else open(index);
                        }}
                      >
                        <input
                          type="checkbox"
                          className="select"
                          aria-label={`Select sample ${line.id}`}
                          checked={selected.has(line.id)}
                          onClick={(event) => event.stopPropagation()}
                          onChange={() => setSelected((s) => toggle(s, line.id))}
                        />
                        <SampleView line={line} sources={sourcesOf(line)} />
                      </div>
                    );
                  })}
              </div>
            ))}
          </div>
        </div>
      )}
      {openIndex >= 0 && lines[openIndex] && (
        <SampleDetail
          line={lines[openIndex]}
          sources={sourcesOf(lines[openIndex])}
          runs={runs}
          testCaseId={testCase.id}
          onClose={() => query.set({ sample: null })}
          onStep={(delta) => {
            const next = lines[openIndex + delta];
            if (next) query.set({ sample: next.id });
          }}
        />
      )}
    </div>
  );
}

function toggle(set: Set<number>, id: number): Set<number> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The chosen models' runs whose suite version holds this test case version: where its per-sample metrics are. */
function useRunsOf(models: { id: number; name: string }[], testCaseId: number): RunRef[] {
  const runLists = useQueries({
    queries: models.map((m) => trpc.model.testRuns.queryOptions({ modelId: m.id })),
  });
  const candidates = runLists.flatMap((list, i) =>
    (list.data ?? []).map((run) => ({ run, model: models[i] as { id: number; name: string } })),
  );
  const suites = useQueries({
    queries: candidates.map(({ run }) => trpc.testSuite.get.queryOptions({ id: run.testSuiteId })),
  });
  return candidates.flatMap(({ run, model }, i) => {
    const suite = suites[i]?.data;
    if (!suite?.testCases.some((tc) => tc.id === testCaseId)) return [];
    const configurations =
      run.configurations.length > 0 ? run.configurations.map((c) => c.displayName) : [""];
    return configurations.map((configuration) => ({
      modelName: model.name,
      testRunId: run.id,
      configuration,
    }));
  });
}
