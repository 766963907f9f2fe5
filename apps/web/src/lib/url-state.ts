import { useCallback, useEffect, useState } from "react";
import { useLocation, useSearch } from "wouter";

/**
 * View state lives in the URL's query string, so every view is a permalink: reading returns the current values,
 * writing replaces (or pushes) the URL without reloading.
 */
export function useQueryState() {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const set = useCallback(
    (
      changes: Record<string, string | string[] | number | null | undefined>,
      options: { push?: boolean } = {},
    ) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        if (value === null || value === undefined || value === "") continue;
        for (const item of Array.isArray(value) ? value : [String(value)]) next.append(key, item);
      }
      const query = next.toString();
      navigate(`${location}${query ? `?${query}` : ""}`, { replace: !options.push });
    },
    [location, navigate],
  );
  return {
    get: (key: string) => params.get(key) ?? undefined,
    getAll: (key: string) => params.getAll(key),
    getNumber: (key: string) => {
      const value = params.get(key);
      return value === null || value === "" || !Number.isFinite(Number(value))
        ? undefined
        : Number(value);
    },
    set,
  };
}

/** A link to a path with a query, for `<Link href>`. */
export function withQuery(
  path: string,
  query: Record<string, string | number | readonly (string | number)[] | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * A search box bound to the `q` parameter: typed freely, written to the URL (and so asked of the server) once the
 * user pauses, not per keystroke; a new search starts again from the first page (`after` cleared).
 */
export function useSearchDraft(delayMs = 250): {
  search: string;
  draft: string;
  setDraft: (text: string) => void;
} {
  const { get, set } = useQueryState();
  const search = get("q") ?? "";
  const [draft, setDraft] = useState(search);
  useEffect(() => {
    if (draft === search) return;
    const timer = setTimeout(() => set({ q: draft, after: null }), delayMs);
    return () => clearTimeout(timer);
  }, [draft, search, set, delayMs]);
  return { search, draft, setDraft };
}
