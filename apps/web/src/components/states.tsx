import { Link } from "wouter";

import { pageErrorMessage } from "../lib/errors";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden /> {what}…
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function ErrorView({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <strong>Something went wrong.</strong> {pageErrorMessage(error)}
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * An unknown or malformed id (or path): a page of its own with a heading, so focus management and screen readers
 * announce it, saying what was not found and offering the lists to go back to. No retry: it would not help.
 */
export function NotFound({
  what,
  id,
  back = { href: "/models", label: "All models" },
}: {
  /** "Model", "Test suite", … or "Page". */
  what: string;
  id?: string | number | undefined;
  back?: { href: string; label: string };
}) {
  return (
    <section className="not-found">
      <h1>{what} not found</h1>
      <p>
        {id === undefined
          ? "Nothing lives at this address."
          : `There is no ${what.toLowerCase()} with id “${id}”.`}{" "}
        It may have been deleted, or the link is wrong.
      </p>
      <p className="links">
        <Link href={back.href}>{back.label}</Link>
        {back.href !== "/models" && <Link href="/models">All models</Link>}
        {back.href !== "/suites" && <Link href="/suites">All test suites</Link>}
      </p>
    </section>
  );
}
