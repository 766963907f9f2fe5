import { useCallback } from "react";
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
