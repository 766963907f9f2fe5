import type { RefObject } from "react";
import { useEffect, useRef } from "react";
import { useLocation } from "wouter";

/** How long a page may take to render its heading (its data loading) before focus stays on `main`. */
const HEADING_WAIT_MS = 10_000;

/**
 * After a navigation to another path (not a query change: typing in a search box must keep its focus), moves
 * focus to the new page's main heading, so screen readers announce the page as they would on a full load, and
 * the next Tab starts inside the page rather than at the link that was clicked. While the page is still loading,
 * `main` holds focus and the heading takes it when it appears, unless the user has moved focus meanwhile. The
 * first load is left alone: the browser announces the document itself. `signedIn` is false while the sign-in
 * form shows.
 */
export function useRouteFocus(main: RefObject<HTMLElement | null>, signedIn: boolean) {
  const [path] = useLocation();
  // Signing in swaps the form for the pages without a change of path: that is an arrival too.
  const location = `${path}${signedIn ? "" : " (signed out)"}`;
  // The path focus was last settled for: the first load's path counts as settled (and StrictMode's second run
  // of the effect finds nothing new).
  const settled = useRef(location);
  useEffect(() => {
    if (settled.current === location) return;
    settled.current = location;
    const container = main.current;
    if (!container) return;
    const focusHeading = () => {
      const heading = container.querySelector("h1");
      if (!heading) return false;
      // -1: focusable by script, not a Tab stop.
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    container.focus();
    const observer = new MutationObserver(() => {
      if (document.activeElement !== container || focusHeading()) observer.disconnect();
    });
    observer.observe(container, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), HEADING_WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [location, main]);
}
