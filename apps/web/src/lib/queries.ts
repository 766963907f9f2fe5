/**
 * `useQueries`'s `combine` for pages that read several queries' answers: the queries beside their answers.
 * Defined once, not inline: TanStack runs `combine` again only when its reference or an answer changes, so
 * `data` keeps its identity between renders and memos can key on it (an inline arrow is new on every render, and
 * so would `data` be, rebuilding every memo on every render).
 */
export function withData<R extends { data: unknown }>(
  results: R[],
): { results: R[]; data: R["data"][] } {
  return { results, data: results.map((r) => r.data) };
}
