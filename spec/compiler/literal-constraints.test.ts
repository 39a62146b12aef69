// The checker reads a literal against pattern, lengths, bounds, multipleOf and `not` exactly as ajv, the runtime
// body check, does: for any such constraints and any literal, one refuses it exactly when the other does.

import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { brokenKeyword } from "../../compiler/check/literal-constraints.js";

const ajv = new Ajv({ strict: false });
const PATTERNS = ["^[A-Z]{3}$", "^(?!firebase_|ga_)", "^[A-Za-z][A-Za-z0-9_]{0,39}$", "\\d", "^\\p{L}+$", "^.{2}$"];
const numberLimit = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.double({ min: -10, max: 10, noNaN: true }));
const literal = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("EUR", "eur", "ga_x", "firebase_y", "👍👍", "é", "a1", "error"),
  fc.integer({ min: -20, max: 30 }),
  fc.double({ min: -20, max: 30, noNaN: true }),
  fc.constantFrom(0.3, 0.75, 1e21, 5e-7),
);
const constraints = fc.record(
  {
    pattern: fc.constantFrom(...PATTERNS),
    minLength: fc.nat(4),
    maxLength: fc.nat(6),
    minimum: numberLimit,
    maximum: numberLimit,
    exclusiveMinimum: numberLimit,
    exclusiveMaximum: numberLimit,
    multipleOf: fc.constantFrom(0.25, 0.1, 1, 3, 1e-7),
    not: fc.oneof(
      // An empty enum, or one with repeats, is not a valid schema: ajv refuses to compile it.
      fc.record({
        enum: fc.uniqueArray(fc.oneof(fc.constantFrom("error", "EUR", "a1"), fc.integer({ min: -2, max: 3 })), {
          minLength: 1,
        }),
      }),
      fc.record({ const: fc.oneof(fc.constantFrom("error", "é"), fc.integer({ min: -2, max: 3 })) }),
    ),
  },
  { requiredKeys: [] },
);

describe("literal constraints", () => {
  it("refuse a literal exactly when ajv does", () => {
    fc.assert(
      fc.property(constraints, literal, (schema, value) => {
        expect(brokenKeyword(schema, value) !== undefined).toBe(!ajv.validate(schema, value));
      }),
      { numRuns: 2000 },
    );
  });

  it("name the first keyword the literal breaks", () => {
    expect(brokenKeyword({ pattern: "^[A-Z]{3}$" }, "eur")).toBe("pattern");
    expect(brokenKeyword({ maxLength: 1 }, "👍👍")).toBe("maxLength");
    expect(brokenKeyword({ maxLength: 2 }, "👍👍")).toBeUndefined();
    expect(brokenKeyword({ multipleOf: 0.25 }, 0.3)).toBe("multipleOf");
    expect(brokenKeyword({ not: { enum: ["error"] } }, "error")).toBe("not");
  });
});
