import { describe, expect, it } from "vitest";

import { AuthThrottle } from "./auth-throttle";

function clock(start = 1_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

describe("AuthThrottle", () => {
  it("lets an address fail `limit` times in the window, then refuses it until the oldest failure leaves", () => {
    const time = clock();
    const throttle = new AuthThrottle({ limit: 3, windowMs: 60_000, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterMs("1.2.3.4")).toBe(0);
      throttle.recordFailure("1.2.3.4");
      time.advance(1_000);
    }
    // Failures at 1 s, 2 s and 3 s; now is 4 s: blocked until the first leaves the window at 61 s.
    expect(throttle.retryAfterMs("1.2.3.4")).toBe(57_000);
    time.advance(56_999);
    expect(throttle.retryAfterMs("1.2.3.4")).toBe(1);
    time.advance(1);
    expect(throttle.retryAfterMs("1.2.3.4")).toBe(0);
    // The window slides: one more failure blocks again, until the second failure (at 2 s) leaves it.
    throttle.recordFailure("1.2.3.4");
    expect(throttle.retryAfterMs("1.2.3.4")).toBe(1_000);
  });

  it("counts each address on its own, and a success resets nothing", () => {
    const time = clock();
    const throttle = new AuthThrottle({ limit: 2, windowMs: 10_000, now: time.now });
    throttle.recordFailure("a");
    throttle.recordFailure("a");
    expect(throttle.retryAfterMs("a")).toBeGreaterThan(0);
    expect(throttle.retryAfterMs("b")).toBe(0);
    throttle.recordFailure("b");
    expect(throttle.retryAfterMs("b")).toBe(0);
    expect(throttle.retryAfterMs("a")).toBe(10_000);
  });

  it("forgets addresses whose window has cleared", () => {
    const time = clock();
    const throttle = new AuthThrottle({ limit: 5, windowMs: 1_000, now: time.now });
    for (let i = 0; i < 100; i++) throttle.recordFailure(`10.0.0.${i}`);
    expect(throttle.size).toBe(100);
    time.advance(1_000);
    throttle.recordFailure("10.0.1.1");
    expect(throttle.size).toBe(1);
    time.advance(1_000);
    expect(throttle.retryAfterMs("10.0.1.1")).toBe(0);
    expect(throttle.size).toBe(0);
  });

  it("keeps at most maxAddresses, forgetting the least recently failing, and `limit` times per address", () => {
    const time = clock();
    const throttle = new AuthThrottle({
      limit: 2,
      windowMs: 60_000,
      maxAddresses: 3,
      now: time.now,
    });
    for (const address of ["a", "b", "c"]) {
      throttle.recordFailure(address);
      throttle.recordFailure(address);
      time.advance(1);
    }
    throttle.recordFailure("a"); // a is now the most recent
    throttle.recordFailure("d");
    expect(throttle.size).toBe(3);
    expect(throttle.retryAfterMs("b")).toBe(0); // forgotten
    expect(throttle.retryAfterMs("a")).toBeGreaterThan(0);
    expect(throttle.retryAfterMs("c")).toBeGreaterThan(0);
    for (let i = 0; i < 1_000; i++) throttle.recordFailure("d");
    expect(
      (throttle as unknown as { failures: Map<string, number[]> }).failures.get("d"),
    ).toHaveLength(2);
  });

  it("rejects a limit or window that is not a positive integer", () => {
    expect(() => new AuthThrottle({ limit: 0 })).toThrow(RangeError);
    expect(() => new AuthThrottle({ windowMs: 1.5 })).toThrow(RangeError);
  });
});
