// own() is what generated code reads the event's objects and the checked settings with: it must give field()'s value
// for every plain object, so skipping field()'s type tests changes nothing a preset can see.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { field, own } from "../../runtime/access.js";

const KEYS = ["email", "phone", "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", ""];

describe("own", () => {
  it("reads what field reads from any JSON object, inherited names included", () => {
    const key = fc.constantFrom(...KEYS);
    const objects = fc.dictionary(fc.oneof(key, fc.string()), fc.jsonValue()).map((o) => JSON.parse(JSON.stringify(o)));
    fc.assert(
      fc.property(objects, key, (object, name) => {
        expect(own(object, name)).toEqual(field(object, name));
      }),
    );
  });

  it("never reaches the prototype, and reads null and empty text as absent", () => {
    const parsed = JSON.parse('{"__proto__": "data", "blank": "", "none": null, "zero": 0}') as Record<string, unknown>;
    expect(own(parsed, "__proto__")).toBe("data");
    expect(own(parsed, "toString")).toBeUndefined();
    expect(own(parsed, "blank")).toBeUndefined();
    expect(own(parsed, "none")).toBeUndefined();
    expect(own(parsed, "zero")).toBe(0);
    expect(own(Object.create(null) as Record<string, unknown>, "email")).toBeUndefined();
  });
});
