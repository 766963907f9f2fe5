import { describe, expect, it } from "vitest";

import { columnFormat } from "./format";

describe("columnFormat", () => {
  it("writes a column of shares with the same decimals, deltas too", () => {
    const format = columnFormat([0.67, 0.7801, 0.5]);
    expect([0.67, 0.7801, 0.5].map(format.value)).toEqual(["0.670", "0.780", "0.500"]);
    expect(format.delta(0.000329)).toBe("±0");
    expect(format.delta(0.0329)).toBe("+0.033");
    expect(format.delta(-0.11)).toBe("−0.110");
  });

  it("keeps integers whole and groups thousands", () => {
    const format = columnFormat([3, 1200]);
    expect(format.value(1200)).toBe("1,200");
    expect(format.delta(-4)).toBe("−4");
  });

  it("gives a column of larger numbers fewer decimals", () => {
    const format = columnFormat([41.23, 2.5]);
    expect(format.value(2.5)).toBe("2.5");
    expect(format.value(41.23)).toBe("41.2");
    expect(columnFormat([2548.07, 2004.5]).value(2548.07)).toBe("2,548");
  });

  it("writes tiny columns with exponents throughout", () => {
    const format = columnFormat([0.00033, 0.0002]);
    expect(format.value(0.00033)).toBe("3.30e-4");
    expect(format.delta(-0.0001)).toBe("−1.00e-4");
  });

  it("spells NaN and infinities", () => {
    const format = columnFormat([0.5, Number.NaN, Infinity]);
    expect(format.value(Number.NaN)).toBe("NaN");
    expect(format.value(-Infinity)).toBe("−∞");
    expect(format.value(0.5)).toBe("0.500");
  });
});
