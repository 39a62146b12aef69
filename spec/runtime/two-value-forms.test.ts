// Generated code writes coalesce(a, b, c) as firstPresent(a, firstPresent(b, c)) and merge(a, b) as mergeTwo(a, b):
// the two-value forms must give exactly what the variadic functions give, for any values an event can hold.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { merge, mergeTwo } from "../../runtime/stdlib/objects.js";
import { coalesce, firstPresent } from "../../runtime/stdlib/presence.js";
import { Failure } from "../../runtime/values.js";

const value = fc.oneof(fc.constantFrom(undefined, null, "", 0, false, new Failure("not a number")), fc.jsonValue());
const objectLike = fc.oneof(
  value,
  fc
    .dictionary(fc.constantFrom("a", "b", "__proto__", "constructor", ""), value)
    .map((o) => JSON.parse(JSON.stringify(o))),
);

describe("two-value forms", () => {
  it("firstPresent nested gives coalesce's value", () => {
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        expect(firstPresent(a, b)).toBe(coalesce(a, b));
        expect(firstPresent(a, firstPresent(b, c))).toBe(coalesce(a, b, c));
      }),
    );
  });

  it("mergeTwo gives merge's object, key order and own __proto__ keys included", () => {
    fc.assert(
      fc.property(objectLike, objectLike, (a, b) => {
        const two = mergeTwo(a, b);
        const many = merge(a, b);
        expect(two).toEqual(many);
        if (two !== undefined) expect(Object.keys(two)).toEqual(Object.keys(many!));
      }),
    );
  });
});
