// `a in list` at run time (runtime/operators.ts isIn): JSON equality, absent in no list, a non-list right side holds nothing.

import { describe, expect, it } from "vitest";
import { isIn } from "../../runtime/operators.js";

describe("isIn", () => {
  it("finds a value JSON-equal to an element", () => {
    expect(isIn("a", ["b", "a"])).toBe(true);
    expect(isIn({ k: [1] }, [{ k: [1] }])).toBe(true);
    expect(isIn(1, [1, 2])).toBe(true);
  });

  it('does not convert: 1 is not "1"', () => {
    expect(isIn(1, ["1"])).toBe(false);
    expect(isIn("true", [true])).toBe(false);
  });

  it("holds for no absent value and no right side that is not a list", () => {
    expect(isIn(undefined, ["a", undefined])).toBe(false);
    expect(isIn("a", undefined)).toBe(false);
    expect(isIn("a", "abc")).toBe(false);
    expect(isIn("a", { a: "a" })).toBe(false);
    expect(isIn("a", [])).toBe(false);
  });
});
