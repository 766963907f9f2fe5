import { describe, expect, it } from "vitest";

import { EditSequencer } from "./edit-sequencer";

/** A stand-in for the store's `nextSeq` of one edit. */
function edit() {
  const state = { nextSeq: 0 as number | undefined };
  return { state, nextSeq: () => state.nextSeq };
}

describe("EditSequencer", () => {
  it("holds a batch that arrived early until the batch before it is applied", async () => {
    const sequencer = new EditSequencer(5000, 5000);
    const { state, nextSeq } = edit();
    sequencer.arrived("e");
    sequencer.arrived("e");
    const order: number[] = [];
    const second = sequencer.turn("e", 1, nextSeq).then(() => order.push(1));
    await sequencer.turn("e", 0, nextSeq).then(() => order.push(0));
    state.nextSeq = 1;
    sequencer.settled("e", 0, true);
    await second;
    expect(order).toEqual([0, 1]);
  });

  it("stops waiting when the batch before it failed, or the edit ended", async () => {
    const sequencer = new EditSequencer(5000, 5000);
    const { nextSeq } = edit();
    sequencer.arrived("e");
    sequencer.arrived("e");
    const waiting = sequencer.turn("e", 1, nextSeq);
    sequencer.settled("e", 0, false);
    await expect(waiting).resolves.toBeUndefined();

    const other = edit();
    sequencer.arrived("f");
    sequencer.arrived("f");
    const held = sequencer.turn("f", 3, other.nextSeq);
    other.state.nextSeq = undefined;
    sequencer.ended("f");
    await expect(held).resolves.toBeUndefined();
  });

  it("waits only briefly when no earlier batch of the edit is on its way", async () => {
    const sequencer = new EditSequencer(60_000, 50);
    const { nextSeq } = edit();
    sequencer.arrived("e");
    const started = Date.now();
    await sequencer.turn("e", 5, nextSeq);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
