// Number functions beyond their examples: rounding as written in decimal, and never NaN, Infinity or -0.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { abs, ceil, floor, max, min, round } from "../../runtime/stdlib/index.js";

describe("round", () => {
  it.each([
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [-0.4, 0, 0],
    [1.255, 2, 1.26],
    [8.345, 2, 8.35],
    [1e-7, 7, 1e-7],
    [1.23e-7, 8, 1.2e-7],
    [123456.789, 0, 123457],
    [1e21, 2, 1e21],
    [2.675, 15, 2.675],
  ])("round(%s, %s) is %s", (x, digits, expected) => {
    expect(round(x, digits)).toBe(expected);
  });

  it("refuses digits that are not whole or out of range", () => {
    expect(round(1.5, 1.5)).toBeUndefined();
    expect(round(1.5, -1)).toBeUndefined();
    expect(round(1.5, "2")).toBeUndefined();
  });
});

describe("min and max", () => {
  it("need at least one number", () => {
    expect(min()).toBeUndefined();
    expect(max()).toBeUndefined();
  });
});

describe("properties", () => {
  const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 0.5, -0.5, 1e308, -1e308));

  it("give a finite number, never -0, for any finite input, and absent for NaN and Infinity", () => {
    fc.assert(
      fc.property(anyNumber, fc.integer({ min: 0, max: 15 }), (x, digits) => {
        for (const result of [round(x), round(x, digits), floor(x), ceil(x), abs(x), min(x, 1), max(x, -1)]) {
          if (!Number.isFinite(x)) expect(result).toBeUndefined();
          else {
            expect(Number.isFinite(result)).toBe(true);
            expect(Object.is(result, -0)).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("round stays within half a unit of the last place", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, digits) => {
        const result = round(x, digits) as number;
        expect(Math.abs(result - x)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-6);
      }),
      { numRuns: 500 },
    );
  });
});
