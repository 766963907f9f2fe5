import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { Dialog } from "./dialog";

afterEach(cleanup);

// happy-dom has no modal dialogs: showModal and close are stood in for on the prototype.
if (!("showModal" in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.setAttribute("open", "");
    },
    close(this: HTMLDialogElement) {
      this.removeAttribute("open");
    },
  });
}

function Opener({ onClose }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      {open && (
        <Dialog
          label="Example"
          onClose={() => {
            onClose?.();
            setOpen(false);
          }}
        >
          <button type="button">first</button>
          <button type="button">last</button>
        </Dialog>
      )}
    </>
  );
}

describe("Dialog", () => {
  it("closes on Escape (the dialog's cancel) and gives focus back to its opener", () => {
    const onClose = vi.fn();
    render(<Opener onClose={onClose} />);
    const opener = screen.getByRole("button", { name: "open" });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Example" });
    fireEvent(dialog, new Event("cancel", { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("wraps Tab around its own controls", () => {
    render(<Opener />);
    fireEvent.click(screen.getByRole("button", { name: "open" }));
    const dialog = screen.getByRole("dialog", { name: "Example" });
    const [first, last] = [
      screen.getByRole("button", { name: "first" }),
      screen.getByRole("button", { name: "last" }),
    ];
    // happy-dom lays nothing out: every control counts as shown.
    for (const el of [first, last]) el.getClientRects = () => [new DOMRect(0, 0, 1, 1)] as never;
    last.focus();
    fireEvent.keyDown(dialog, { key: "Tab" });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(dialog, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);
  });
});
