/**
 * How many streams the server sends at once: each holds a chunk or two (a few MB) while its reader takes it, so 200
 * slow readers held 1.2 GB and starved every other request. Past `perToken` streams of one token or `total` in
 * all, a stream is refused (429, and the client retries after Retry-After).
 */
export class StreamGate {
  private open = 0;
  private readonly byToken = new Map<number, number>();

  constructor(
    readonly total: number,
    readonly perToken: number,
  ) {}

  /** A place for a stream of `tokenId`, or null when there is none; the returned function gives it back. */
  enter(tokenId: number): (() => void) | null {
    const mine = this.byToken.get(tokenId) ?? 0;
    if (this.open >= this.total || mine >= this.perToken) return null;
    this.open++;
    this.byToken.set(tokenId, mine + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.open--;
      const now = (this.byToken.get(tokenId) ?? 1) - 1;
      if (now === 0) this.byToken.delete(tokenId);
      else this.byToken.set(tokenId, now);
    };
  }

  get active(): number {
    return this.open;
  }
}

export interface StreamLimits {
  /** Streams open at once, in all. @default 16 */
  total?: number;
  /** Streams open at once per token. @default 4 */
  perToken?: number;
  /** How long a reader may take nothing before its stream is cut (it resumes where it was). @default 30_000 */
  stallMs?: number;
}
