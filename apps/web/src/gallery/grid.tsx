import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useState } from "react";

import type { SampleLine } from "./lines";
import type { Source } from "./sample-view";
import { SampleView } from "./sample-view";

const TILE = 184;

/**
 * The virtualised grid of sample tiles: arrow keys move, Enter opens, Space selects; a click opens, a
 * shift/ctrl/cmd-click selects. Rows near the end ask for the next page.
 */
export function SampleGrid({
  lines,
  sourcesOf,
  showLabels,
  selected,
  onToggle,
  onOpen,
  hasMore,
  loadMore,
}: {
  lines: SampleLine[];
  sourcesOf: (line: SampleLine) => Source[];
  showLabels: boolean;
  selected: ReadonlySet<number>;
  onToggle: (sampleId: number) => void;
  onOpen: (index: number) => void;
  hasMore: boolean;
  loadMore: () => void;
}) {
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
    count: rows + (hasMore ? 1 : 0),
    getScrollElement: () => scroller,
    estimateSize: () => TILE,
    overscan: 3,
  });
  const items = virtualizer.getVirtualItems();
  const lastRow = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastRow >= rows - 1 && hasMore) loadMore();
  }, [lastRow, rows, hasMore, loadMore]);
  const move = (delta: number) => {
    const next = Math.min(Math.max(focus + delta, 0), Math.max(lines.length - 1, 0));
    setFocus(next);
    virtualizer.scrollToIndex(Math.floor(next / columns));
  };
  return (
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
        const delta = keys[event.key];
        if (delta !== undefined) {
          event.preventDefault();
          move(delta);
        } else if (event.key === "Enter") {
          // Without it the same keypress reaches the dialog's first button once it opens, and closes it.
          event.preventDefault();
          onOpen(focus);
        } else if (event.key === " ") {
          event.preventDefault();
          const line = lines[focus];
          if (line) onToggle(line.id);
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
            {lines.slice(row.index * columns, row.index * columns + columns).map((line, column) => {
              const index = row.index * columns + column;
              return (
                <div
                  key={line.id}
                  role="gridcell"
                  className={`tile${index === focus ? " focused" : ""}${selected.has(line.id) ? " selected" : ""}`}
                  data-sample-id={line.id}
                  onClick={(event) => {
                    setFocus(index);
                    if (event.shiftKey || event.metaKey || event.ctrlKey) onToggle(line.id);
                    else onOpen(index);
                  }}
                >
                  <input
                    type="checkbox"
                    className="select"
                    aria-label={`Select sample ${line.id}`}
                    checked={selected.has(line.id)}
                    onClick={(event) => event.stopPropagation()}
                    onChange={() => onToggle(line.id)}
                  />
                  <SampleView line={line} sources={sourcesOf(line)} showLabels={showLabels} />
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
