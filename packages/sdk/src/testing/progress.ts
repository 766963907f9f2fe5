/**
 * Progress of a long operation: a one-line display on a terminal (stderr) when it is one, and the client's
 * `onProgress` callback, both at most ten times a second and once more at the end. The display is silent when
 * stderr is not a TTY (CI logs, pipes) or when turned off.
 */
export class Progress {
  private count = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    private readonly total?: number,
    enabled?: boolean,
    private readonly onProgress?: (done: number, total: number | undefined) => void,
  ) {
    this.enabled = enabled ?? (process.stderr.isTTY && process.env.CI === undefined);
  }

  advance(by = 1): void {
    this.count += by;
    if (!this.enabled && !this.onProgress) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.onProgress?.(this.count, this.total);
    if (this.enabled) this.draw(now);
  }

  /** Sets the count (a job's progress, as the server reports it). */
  set(count: number): void {
    this.advance(count - this.count);
  }

  /** The end: the total is now known (what was counted). */
  done(): void {
    this.onProgress?.(this.count, this.total ?? this.count);
    if (!this.enabled) return;
    this.draw(Date.now());
    process.stderr.write("\n");
  }

  private draw(now: number): void {
    const seconds = Math.max((now - this.started) / 1000, 1e-3);
    const rate = Math.round(this.count / seconds);
    let text = `${this.label} ${this.count.toLocaleString("en")}`;
    if (this.total) {
      const share = Math.min(1, this.count / this.total);
      const width = 24;
      const filled = Math.round(share * width);
      text = `${this.label} [${"=".repeat(filled)}${" ".repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${this.count.toLocaleString("en")}/${this.total.toLocaleString("en")}`;
    }
    process.stderr.write(`\r${text} (${rate.toLocaleString("en")}/s)\u001b[K`);
  }
}
