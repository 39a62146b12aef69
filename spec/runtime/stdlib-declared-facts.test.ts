// Facts functions declare about their results, which generated code relies on: absent without the first argument
// (the others are then skipped), SHA-256 hex digests (a schema's hex pattern then holds without a check), and text
// that is never empty (a schema's minLength of 1 then holds without a check).

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

// A function that declares its results SHA-256 digests lets the compiler drop a request schema's hex pattern.
describe("sha256Hex", () => {
  const digests = [...STDLIB_BY_NAME.values()].filter((spec) => spec.sha256Hex === true);

  it("is declared by the hashes", () => {
    expect(digests.map((spec) => spec.name).sort()).toEqual(["hash_email", "hash_phone", "hmac_sha256", "sha256"]);
  });

  for (const spec of digests) {
    it(`${spec.name} gives 64 lower-case hex digits or absent`, () => {
      const isDigest = (result: unknown) => result === undefined || /^[0-9a-f]{64}$/.test(String(result));
      for (const example of spec.examples) expect(isDigest(spec.impl(...example.args))).toBe(true);
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })), { maxLength: 2 }), (args) => {
          expect(isDigest(spec.impl(...args)), JSON.stringify(args)).toBe(true);
        }),
        { numRuns: 300, seed: 16 },
      );
    });
  }
});

// The compiler takes a text-returning function's result as never "" (compiler/codegen/body-guarantee.ts).
describe("text results", () => {
  const texts = [...STDLIB_BY_NAME.values()].filter((spec) => spec.returns === "string");

  it("are declared by the text, encoding, identity, phone and time functions", () => {
    expect(texts.map((spec) => spec.name)).toEqual(
      expect.arrayContaining(["trim", "to_string", "e164", "format_time"]),
    );
  });

  for (const spec of texts) {
    it(`${spec.name} gives absent rather than empty text`, () => {
      for (const example of spec.examples) expect(spec.impl(...example.args)).not.toBe("");
      const arg = fc.oneof(
        fc.constantFrom("", " ", "\u00a0", "\u200b", "-", "+", "0", "iso", "date", "YYYY", "en", "US", "\ud800", "!"),
        fc.string({ maxLength: 6 }),
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(fc.constantFrom("", " ", "a"), { maxLength: 3 }),
      );
      fc.assert(
        fc.property(fc.array(arg, { maxLength: 3 }), (args) => {
          expect(spec.impl(...args), JSON.stringify(args)).not.toBe("");
        }),
        { numRuns: 500, seed: 16 },
      );
    });
  }
});
