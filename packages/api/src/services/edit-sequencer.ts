/**
 * Orders the batches of an edit. A client may keep two batches in flight, so that one is validated while the one
 * before it is written; they can reach the server out of order. A batch ahead of its turn waits here for the
 * batches before it to be applied by this process, for a while; the transaction's own check of `nextSeq` stays
 * the guard of correctness (a batch still out of turn after the wait is refused).
 */
/** How far ahead of its turn a batch may be and still wait: clients keep at most this many batches in flight. */
export const MAX_AHEAD = 2;

export class EditSequencer {
  private readonly waiters = new Map<string, Set<() => void>>();
  /** The last batch of each edit whose application failed: batches after it will not get their turn. */
  private readonly failed = new Map<string, number>();
  /** How many batches of each edit this process is preparing or applying. */
  private readonly active = new Map<string, number>();

  /**
   * @param maxWaitMs how long a batch waits while earlier batches of its edit are being applied here
   * @param graceMs how long it waits when none is: the batch before it may still be on its way, or in its
   *   client's retry backoff after a lost connection or a server restart (the SDK retries over up to 7 s; with a
   *   1 s grace, a later batch that got through first after a restart was refused and the whole upload failed)
   */
  constructor(
    private readonly maxWaitMs = 30_000,
    private readonly graceMs = 15_000,
  ) {}

  /** A batch of the edit arrived; `settled` must follow. */
  arrived(editId: string): void {
    this.active.set(editId, (this.active.get(editId) ?? 0) + 1);
    this.wake(editId);
  }

  /** Resolves when batch `seq` may be applied, or when waiting longer would not help. */
  async turn(editId: string, seq: number, nextSeq: () => number | undefined): Promise<void> {
    const start = Date.now();
    for (;;) {
      const next = nextSeq();
      // Nothing that far ahead can be in flight: refused at once by the caller's check of `nextSeq`.
      if (next === undefined || seq <= next || seq - next > MAX_AHEAD) return;
      const failed = this.failed.get(editId);
      if (failed !== undefined && failed >= next) return;
      const others = (this.active.get(editId) ?? 1) > 1;
      const remaining = start + (others ? this.maxWaitMs : this.graceMs) - Date.now();
      if (remaining <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, remaining);
        const set = this.waiters.get(editId) ?? new Set<() => void>();
        this.waiters.set(editId, set);
        function wake() {
          clearTimeout(timer);
          set.delete(wake);
          resolve();
        }
        set.add(wake);
      });
    }
  }

  /** A batch was applied or refused, or the edit ended: whoever waits on the edit looks again. */
  settled(editId: string, seq: number, ok: boolean): void {
    const active = (this.active.get(editId) ?? 1) - 1;
    if (active > 0) this.active.set(editId, active);
    else this.active.delete(editId);
    if (!ok) this.failed.set(editId, Math.max(seq, this.failed.get(editId) ?? -1));
    this.wake(editId);
  }

  ended(editId: string): void {
    this.failed.delete(editId);
    this.wake(editId);
  }

  private wake(editId: string): void {
    const set = this.waiters.get(editId);
    if (!set) return;
    this.waiters.delete(editId);
    for (const wake of [...set]) wake();
  }
}
