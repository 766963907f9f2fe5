import { useQueryState } from "../lib/url-state";

/**
 * Cursor paging kept in the URL's `after` parameter: "Next" pushes a history entry (Back returns to the page before),
 * "First page" goes back to the start.
 */
export function Pager({
  nextCursor,
  nextLabel = "Next page",
}: {
  nextCursor: string | null;
  nextLabel?: string;
}) {
  const query = useQueryState();
  const cursor = query.get("after");
  if (!cursor && !nextCursor) return null;
  return (
    <div className="pager">
      {cursor && (
        <button type="button" className="secondary" onClick={() => query.set({ after: null })}>
          First page
        </button>
      )}
      {nextCursor && (
        <button type="button" onClick={() => query.set({ after: nextCursor }, { push: true })}>
          {nextLabel}
        </button>
      )}
    </div>
  );
}
