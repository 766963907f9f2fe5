import type { ReactNode } from "react";
import { useEffect, useRef } from "react";

const FOCUSABLE =
  'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native `<dialog>` and `showModal()`: the browser makes the rest of the page inert, Escape
 * closes it, and it sits in the top layer above everything. What the browser leaves out, it does here: Tab
 * wraps around inside (the browser would let focus leave for its own toolbar), focus returns to what had it when
 * the dialog opened, and a click on the backdrop closes it.
 */
export function Dialog({
  label,
  onClose,
  className,
  children,
}: {
  /** The accessible name. */
  label: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read in the effect's cleanup: the latest callback, without reopening the dialog when it changes.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away (a virtualised tile): then its successor by id.
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ""}`}
      aria-label={label}
      onCancel={(event) => {
        // Escape: React state decides whether the dialog exists, so the browser must not close it alone.
        event.preventDefault();
        close.current();
      }}
      onKeyDown={(event) => {
        if (event.key !== "Tab") return;
        const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
          (el) => !el.hasAttribute("disabled") && el.getClientRects().length > 0,
        );
        const first = focusable[0];
        const last = focusable.at(-1);
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself, outside its content box.
        if (event.target === event.currentTarget) {
          const box = event.currentTarget.getBoundingClientRect();
          const inside =
            event.clientX >= box.left &&
            event.clientX <= box.right &&
            event.clientY >= box.top &&
            event.clientY <= box.bottom;
          if (!inside) close.current();
        }
      }}
    >
      {children}
    </dialog>
  );
}
