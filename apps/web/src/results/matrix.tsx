import type { CellComparison, JsonValue, MetricMeaning } from "@assay/workflow";
import type { TestCaseRecord } from "@assay/workflow/wire";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";

import type { NumberFormat } from "../lib/format";
import { columnFormat, formatNumber } from "../lib/format";
import { galleryHref } from "../lib/links";
import { link } from "./plot-links";
import { Details } from "./details";
import type { SampleFields } from "./drill";
import { metricDrill } from "./drill";
import { CELL, Cell, ColumnHeader, metricLabel } from "./matrix-cells";
import { judge } from "./significance";

export type Metrics = Record<string, JsonValue>;

export interface MatrixModel {
  id: number;
  name: string;
  testRunId: number;
}

/** A row's significance tests, from the server's comparison engine: each cell's by `${modelId}:${metric}`. */
export interface Comparison {
  cells: Map<string, CellComparison>;
  /** The fewest samples any tested cell of the row was paired on (undefined when none was tested). */
  pairedSamples: number | undefined;
}

export interface MatrixProps {
  testCases: TestCaseRecord[];
  models: MatrixModel[];
  referenceId: number;
  metrics: string[];
  /** What each metric is declared to mean (null: undeclared, never judged). */
  meanings: Record<string, MetricMeaning | null>;
  configuration: string;
  /** Whether a row's cells have arrived (rows are fetched as they scroll into view). */
  loaded: (testCaseId: number) => boolean;
  /** The stored metrics of (model, test case). */
  cell: (modelId: number, testCaseId: number) => Metrics | undefined;
  /** A row's tests: "pending" while they run (verdicts wait rather than flip), undefined when there are none. */
  comparison: (testCaseId: number) => Comparison | "pending" | undefined;
  /** Some rows on screen still wait for their tests. */
  comparing?: boolean;
  /** Which rows are on screen (with overscan), so their cells can be fetched. */
  onVisibleRange?: (range: { first: number; last: number }) => void;
  /** Where the cells come from, so an opened row can fetch its full metrics (nested rows) and plots. */
  scope: { testSuiteId: number; evaluator: string };
  /**
   * The runs' per-sample metric fields: what a drill-down can filter on. Undefined while they load: no cell
   * links until then, rather than links to every sample that change under the pointer.
   */
  fields: SampleFields | undefined;
  /** One format per metric column (the same decimals for every model), from the values loaded. */
  format?: (metric: string) => NumberFormat;
  /** The test cases whose details are open (kept in the URL by the page). */
  open: ReadonlySet<number>;
  onToggle: (testCaseId: number) => void;
}

const ROW = 44;
/** Column widths in pixels: the sticky name / samples / common block, then one column per (metric, model). */
const NAME = 240;
const COUNT = 76;
const LEAD = NAME + 2 * COUNT;
const DEFAULT_FORMAT = columnFormat([]);

/**
 * Test cases × (metric, model), virtualised both ways: only the rows and columns on screen are in the DOM, so a
 * suite of thousands of test cases and a hundred models stays responsive. Differences against the reference are
 * coloured only when significant; every cell's title says which test decided, and its value links to the
 * samples behind it in the gallery. A row opens (click, Enter or Space on the focused row) to its nested
 * (per-class) rows and its plots; arrow keys move between rows.
 */
export function Matrix(props: MatrixProps) {
  const { testCases, models, metrics, open, onToggle } = props;
  const [focus, setFocus] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: testCases.length,
    getScrollElement: () => scroller.current,
    // Closed rows have one height; only opened ones are measured (measuring forces a layout).
    estimateSize: (index) => (open.has(testCases[index]?.id ?? -1) ? ROW + 320 : ROW),
    overscan: 6,
    // Rows render on the first paint, before the scroller has been measured.
    initialRect: { width: 1200, height: 800 },
  });
  const columnList = metrics.flatMap((metric) => models.map((model) => ({ metric, model })));
  const columns = useVirtualizer({
    horizontal: true,
    count: columnList.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CELL,
    paddingStart: LEAD,
    overscan: 3,
    initialRect: { width: 1200, height: 800 },
  });
  const items = rows.getVirtualItems();
  const visibleColumns = columns.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { onVisibleRange } = props;
  useEffect(() => onVisibleRange?.({ first, last }), [first, last, onVisibleRange]);
  // An opened row changes height: measure again once the URL (and so `open`) has changed.
  useEffect(() => rows.measure(), [open, rows]);
  const moveFocus = (next: number) => {
    setFocus(next);
    rows.scrollToIndex(next);
    // The row is in the DOM once scrolled to; focus it so Enter and Space act on it.
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[aria-rowindex="${next + 1}"]`)?.focus(),
    );
  };
  const width = columns.getTotalSize();
  return (
    <div
      className="matrix"
      ref={scroller}
      role="grid"
      aria-rowcount={testCases.length}
      aria-colcount={3 + columnList.length}
      tabIndex={0}
      data-ready
      data-comparing={props.comparing ? "" : undefined}
      aria-busy={props.comparing}
      onKeyDown={(event) => {
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          event.preventDefault();
          moveFocus(
            Math.min(
              Math.max(focus + (event.key === "ArrowDown" ? 1 : -1), 0),
              testCases.length - 1,
            ),
          );
        }
      }}
    >
      <div className="matrix-head" role="row" style={{ width }}>
        <div className="lead" style={{ width: LEAD }}>
          <div role="columnheader" style={{ width: NAME }}>
            Test case
          </div>
          <div
            className="num"
            role="columnheader"
            title="Samples in the test case"
            style={{ width: COUNT }}
          >
            Samples
          </div>
          <div
            className="num"
            role="columnheader"
            title="Samples a model and the reference were both tested on (the fewest over the models): differences are tested on these"
            style={{ width: COUNT }}
          >
            Paired
          </div>
        </div>
        {visibleColumns.map((column) => {
          const { metric, model } = columnList[column.index] as (typeof columnList)[number];
          return (
            <ColumnHeader
              key={column.key}
              left={column.start}
              index={column.index}
              label={metricLabel(props.meanings, metric)}
              model={model}
              reference={model.id === props.referenceId}
            />
          );
        })}
      </div>
      <div style={{ height: rows.getTotalSize(), width, minWidth: "100%", position: "relative" }}>
        {items.map((item) => {
          const testCase = testCases[item.index] as TestCaseRecord;
          const tests = props.comparison(testCase.id);
          const comparison = tests === "pending" ? undefined : tests;
          const loaded = props.loaded(testCase.id);
          const reference = props.cell(props.referenceId, testCase.id);
          const isOpen = open.has(testCase.id);
          return (
            <div
              key={testCase.id}
              data-index={item.index}
              ref={isOpen ? rows.measureElement : undefined}
              className="matrix-group"
              style={{ transform: `translateY(${item.start}px)`, width }}
            >
              <div
                role="row"
                aria-rowindex={item.index + 1}
                className={`matrix-row${item.index === focus ? " focused" : ""}`}
                data-test-case={testCase.name}
                // One row in the tab order (the focused one); the arrow keys move it.
                tabIndex={item.index === focus ? 0 : -1}
                onFocus={() => setFocus(item.index)}
                onKeyDown={(event) => {
                  // Keys on the row's own links and buttons do what those do.
                  if (event.target !== event.currentTarget) return;
                  if (event.key === "Enter" || event.key === " ") {
                    event.preventDefault();
                    onToggle(testCase.id);
                  }
                }}
              >
                <div className="lead" style={{ width: LEAD }}>
                  <div role="rowheader" style={{ width: NAME }}>
                    <button
                      type="button"
                      className="expand"
                      aria-expanded={isOpen}
                      tabIndex={-1}
                      onClick={() => onToggle(testCase.id)}
                      aria-label={`Details of ${testCase.name}`}
                    >
                      {isOpen ? "▾" : "▸"}
                    </button>
                    <Link
                      href={galleryHref({
                        testCaseId: testCase.id,
                        modelIds: models.map((m) => m.id),
                        suiteId: props.scope.testSuiteId,
                      })}
                    >
                      {testCase.name}
                    </Link>{" "}
                    <span className="muted">v{testCase.version}</span>
                  </div>
                  <div className="num" style={{ width: COUNT }}>
                    {formatNumber(testCase.sampleCount)}
                  </div>
                  <div className="num" style={{ width: COUNT }}>
                    {comparison?.pairedSamples !== undefined
                      ? formatNumber(comparison.pairedSamples)
                      : tests === "pending"
                        ? "…"
                        : "–"}
                  </div>
                </div>
                {visibleColumns.map((column) => {
                  const { metric, model } = columnList[column.index] as (typeof columnList)[number];
                  const metricsOf = props.cell(model.id, testCase.id);
                  const verdict =
                    model.id === props.referenceId || !loaded || tests === "pending"
                      ? null
                      : judge({
                          meaning: props.meanings[metric] ?? null,
                          value: metricsOf?.[metric],
                          reference: reference?.[metric],
                          cell: comparison?.cells.get(`${model.id}:${metric}`),
                        });
                  const value = loaded ? (metricsOf?.[metric] ?? null) : undefined;
                  const drill =
                    typeof value === "number" && props.fields
                      ? metricDrill({
                          meaning: props.meanings[metric],
                          value,
                          sampleCount: testCase.sampleCount,
                          fields: props.fields,
                          run: { testRunId: model.testRunId, configuration: props.configuration },
                        })
                      : undefined;
                  return (
                    <Cell
                      key={column.key}
                      left={column.start}
                      index={column.index}
                      model={model}
                      metric={metric}
                      value={value}
                      format={props.format?.(metric) ?? DEFAULT_FORMAT}
                      verdict={verdict}
                      drill={link(
                        { testCaseId: testCase.id, suiteId: props.scope.testSuiteId },
                        model,
                        drill,
                      )}
                    />
                  );
                })}
              </div>
              {isOpen && (
                // A row of one cell: a grid may hold only rows, and the details are a part of this test case's.
                <div role="row" className="matrix-details">
                  <div role="gridcell" aria-colspan={3 + columnList.length}>
                    <Details
                      testCase={testCase}
                      models={models}
                      configuration={props.configuration}
                      scope={props.scope}
                      meanings={props.meanings}
                      fields={props.fields ?? {}}
                    />
                  </div>
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
