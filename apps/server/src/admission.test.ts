import { describe, expect, it } from "vitest";

import { Admission } from "./admission";

describe("Admission", () => {
  it("lets `capacity` in at once, the rest in the order they came", async () => {
    const admission = new Admission(2);
    const order: number[] = [];
    const a = await admission.enter();
    const b = await admission.enter();
    const waiting = [3, 4].map((n) => admission.enter().then((t) => (order.push(n), t)));
    await Promise.resolve();
    expect(order).toEqual([]);
    a.leave();
    a.leave(); // a second leave gives nothing back
    const c = await waiting[0];
    expect(order).toEqual([3]);
    b.leave();
    await waiting[1];
    expect(order).toEqual([3, 4]);
    c?.leave();
  });

  it("gives a place up while a request waits for another, so that one can come in", async () => {
    const admission = new Admission(1);
    const later = await admission.enter();
    let release: (value?: unknown) => void = () => undefined;
    const turn = new Promise((resolve) => (release = resolve));
    // The later batch waits for its turn; the earlier one is still queued for a place.
    const waited = later.pause(turn);
    const earlier = await admission.enter();
    earlier.leave();
    release();
    await waited;
    // The later batch holds a place again: a third waits.
    let third = false;
    const next = admission.enter().then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    later.leave();
    await next;
    expect(third).toBe(true);
  });
});
