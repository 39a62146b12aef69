// A function that declares itself absent without its first argument is: generated code skips its other arguments
// then, so the claim must hold for every argument list its examples use and for hostile ones.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STDLIB_BY_NAME } from "../../runtime/stdlib/index.js";

const declaring = [...STDLIB_BY_NAME.values()].filter((spec) => spec.absentWithoutFirst === true);

describe("absentWithoutFirst", () => {
  it("is declared by e164", () => {
    expect(declaring.map((spec) => spec.name)).toContain("e164");
  });

  for (const spec of declaring) {
    it(`${spec.name} is absent for an absent first argument, whatever the others`, () => {
      for (const example of spec.examples) expect(spec.impl(undefined, ...example.args.slice(1))).toBeUndefined();
      fc.assert(
        fc.property(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), (rest) => {
          expect(spec.impl(undefined, ...rest)).toBeUndefined();
        }),
        { numRuns: 300, seed: 16 },
      );
    });
  }
});
