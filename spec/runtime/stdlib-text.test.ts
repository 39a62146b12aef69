// Text functions beyond their examples: truncate keeps whole code points, snake_case always gives a GA4-shaped name.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snake_case, truncate } from "../../runtime/stdlib/index.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("snake_case", () => {
  it.each([
    ["Signed Up", "signed_up"],
    ["  spaced   out  ", "spaced_out"],
    ["Product_Added", "product_added"],
    ["Straße", "stra_e"],
    ["Step 2 Done", "step_2_done"],
    ["3DSecure", "d_secure"],
  ])("%s gives %s", (text, expected) => {
    expect(snake_case(text)).toBe(expected);
  });
});

describe("properties", () => {
  it("truncate never exceeds max code points and never leaves a lone surrogate", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat(20), (text, max) => {
        const result = truncate(text, max);
        if (result === undefined) return;
        expect(Array.from(result).length).toBeLessThanOrEqual(max);
        expect(text.startsWith(result)).toBe(true);
        expect(result).not.toMatch(LONE_SURROGATE);
      }),
      { numRuns: 500 },
    );
  });

  it("snake_case gives letters, digits and single underscores, starting with a letter, or absent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const result = snake_case(text);
        if (result !== undefined) expect(result).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
        if (result !== undefined) expect(snake_case(result)).toBe(result);
      }),
      { numRuns: 500 },
    );
  });
});
