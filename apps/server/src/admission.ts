/**
 * How many bulk requests (edit batches, inferences, sample metrics) the server works on at once. Each holds a few
 * MB (its body, then the prepared batch) and the writing thread stores one at a time anyway, so more at once would
 * only hold more memory: 8 clients uploading together took the server past 350 MB. The others wait, first come
 * first served, with their bodies still unread. A request that waits for an earlier batch of its own edit gives its
 * place up meanwhile (`pause`), so that batch can come in.
 */
export class Admission {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  /** Requests being worked on now. */
  get working(): number {
    return this.active;
  }

  /** Requests waiting for a place. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Waits for a place; the ticket gives it back (once) when the request ends. */
  async enter(): Promise<AdmissionTicket> {
    await this.take();
    let held = true;
    return {
      leave: () => {
        if (!held) return;
        held = false;
        this.give();
      },
      pause: async <T>(wait: Promise<T>): Promise<T> => {
        if (!held) return wait;
        held = false;
        this.give();
        try {
          return await wait;
        } finally {
          await this.take();
          held = true;
        }
      },
    };
  }

  private take(): Promise<void> {
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private give(): void {
    const next = this.queue.shift();
    // The place passes straight to the next in line.
    if (next) next();
    else this.active--;
  }
}

export interface AdmissionTicket {
  leave(): void;
  /** Gives the place up while `wait` runs (a batch waiting for an earlier one), and takes one again after. */
  pause<T>(wait: Promise<T>): Promise<T>;
}
