/**
 * Slows down guessing tokens: counts, per client address, the credentials that failed to authenticate in a
 * sliding window. Once an address has `limit` failures in the last `windowMs`, it is refused until the oldest of
 * them leaves the window, and its credentials are not even looked at, so a guesser learns nothing while it waits.
 * Successes reset nothing: a caller holding one valid token cannot use it to earn more guesses.
 *
 * Memory is bounded: an address keeps at most `limit` failure times, and at most `maxAddresses` addresses are
 * remembered. Addresses are kept in the order of their latest failure, so the ones whose window has cleared are
 * always at the front and are dropped as failures come in; beyond the cap the least recently failing is forgotten.
 */

export interface AuthThrottleOptions {
  /** Failed authentications an address may make per window. @default 10 */
  limit?: number;
  /** The sliding window, in milliseconds. @default 60_000 */
  windowMs?: number;
  /** How many addresses are remembered at most. @default 10_000 */
  maxAddresses?: number;
  /** The clock, in milliseconds; monotonic by default. */
  now?: () => number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT = 10;
export const DEFAULT_AUTH_FAILURE_WINDOW_MS = 60_000;
export const DEFAULT_AUTH_THROTTLE_ADDRESSES = 10_000;

export class AuthThrottle {
  readonly limit: number;
  readonly windowMs: number;
  readonly maxAddresses: number;
  private readonly now: () => number;
  /** Address → its recent failure times, oldest first; the map is ordered by each address's latest failure. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: AuthThrottleOptions = {}) {
    this.limit = positiveInteger(options.limit ?? DEFAULT_AUTH_FAILURE_LIMIT, "limit");
    this.windowMs = positiveInteger(options.windowMs ?? DEFAULT_AUTH_FAILURE_WINDOW_MS, "windowMs");
    this.maxAddresses = positiveInteger(
      options.maxAddresses ?? DEFAULT_AUTH_THROTTLE_ADDRESSES,
      "maxAddresses",
    );
    this.now = options.now ?? (() => performance.now());
  }

  /** Milliseconds until `address` may present credentials again; 0 when it may now. */
  retryAfterMs(address: string): number {
    const now = this.now();
    const times = this.recent(address, now);
    if (times.length < this.limit) return 0;
    // Blocked until enough failures leave the window for one more attempt.
    const oldestCounted = times[times.length - this.limit] ?? now;
    return Math.max(1, oldestCounted + this.windowMs - now);
  }

  /** Counts one failed authentication from `address`. */
  recordFailure(address: string): void {
    const now = this.now();
    const times = this.recent(address, now);
    times.push(now);
    if (times.length > this.limit) times.splice(0, times.length - this.limit);
    // Re-inserting keeps the map ordered by latest failure.
    this.failures.delete(address);
    this.failures.set(address, times);
    this.dropExpired(now);
    while (this.failures.size > this.maxAddresses) {
      const first = this.failures.keys().next();
      if (first.done) break;
      this.failures.delete(first.value);
    }
  }

  /** How many addresses are remembered (for tests and diagnostics). */
  get size(): number {
    return this.failures.size;
  }

  /** The address's failure times still inside the window (the stored array, pruned in place). */
  private recent(address: string, now: number): number[] {
    const times = this.failures.get(address);
    if (!times) return [];
    const firstLive = times.findIndex((time) => now - time < this.windowMs);
    if (firstLive === -1) {
      this.failures.delete(address);
      return [];
    }
    if (firstLive > 0) times.splice(0, firstLive);
    return times;
  }

  /** Drops addresses whose latest failure left the window; they are all at the front of the map. */
  private dropExpired(now: number): void {
    for (const [address, times] of this.failures) {
      const latest = times[times.length - 1];
      if (latest !== undefined && now - latest < this.windowMs) return;
      this.failures.delete(address);
    }
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
