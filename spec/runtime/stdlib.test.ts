// Runs every example of every standard-library function, and checks the rules all of them share.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STDLIB, STDLIB_BY_NAME, STDLIB_FUNCTIONS } from "../../runtime/stdlib/index.js";
import type { FunctionExample, FunctionSpec } from "../../runtime/stdlib/spec.js";
import { Failure } from "../../runtime/values.js";

function expectExample(spec: FunctionSpec, example: FunctionExample): void {
  const actual = spec.impl(...example.args);
  const result = example.result;
  if ("fails" in result) expect(actual).toBeInstanceOf(Failure);
  else if ("absent" in result) expect(actual).toBeUndefined();
  else expect(actual).toEqual(result.value);
}

describe.each(STDLIB.map((spec) => [spec.name, spec] as const))("%s", (_name, spec) => {
  it.each(spec.examples.map((example) => [JSON.stringify(example.args) ?? "", example] as const))(
    "example %s",
    (_args, example) => expectExample(spec, example),
  );

  it("has three or more examples, one with absent input", () => {
    expect(spec.examples.length).toBeGreaterThanOrEqual(3);
    expect(spec.examples.some((example) => example.args.length === 0 || example.args.includes(undefined))).toBe(true);
  });

  it("shows what a value of the wrong type does", () => {
    const first = spec.params[0];
    if (first === undefined || first.type === "any") return;
    const wrongType = (value: unknown) =>
      value !== undefined && (first.type === "list" ? !Array.isArray(value) : typeof value !== first.type);
    expect(spec.examples.some((example) => wrongType(example.args[0]))).toBe(true);
  });

  it("declares failures only when fallible", () => {
    if (!spec.fallible) expect(spec.examples.some((example) => "fails" in example.result)).toBe(false);
    else expect(spec.examples.some((example) => "fails" in example.result)).toBe(true);
  });
});

describe("the library as a whole", () => {
  it("has the functions the language documents, each once", () => {
    const names = STDLIB.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([
      "abs",
      "base64",
      "base64url",
      "basic_auth",
      "ceil",
      "coalesce",
      "concat",
      "contains",
      "digits",
      "e164",
      "ends_with",
      "entries",
      "floor",
      "format_time",
      "from_entries",
      "hash_email",
      "hash_phone",
      "hmac_sha256",
      "is_currency_code",
      "is_present",
      "join",
      "lower",
      "max",
      "merge",
      "min",
      "normalize_name",
      "region",
      "region_code",
      "replace",
      "round",
      "sha256",
      "snake_case",
      "split",
      "starts_with",
      "take",
      "to_bool",
      "to_number",
      "to_string",
      "trim",
      "truncate",
      "type_of",
      "unix_micros",
      "unix_millis",
      "unix_seconds",
      "upper",
      "url_encode",
      "url_param",
    ]);
  });

  it("exposes the same implementation by name, in the lookup and in the function table", () => {
    for (const spec of STDLIB) {
      expect(STDLIB_BY_NAME.get(spec.name)).toBe(spec);
      expect(STDLIB_FUNCTIONS[spec.name as keyof typeof STDLIB_FUNCTIONS]).toBe(spec.impl);
    }
    expect(Object.keys(STDLIB_FUNCTIONS).sort()).toEqual(STDLIB.map((spec) => spec.name).sort());
  });

  // Empty text may come back only when it went in: a literal "" passed through coalesce is written literally.
  it("never throws, never makes empty text, and fails only when fallible, whatever JSON it is given", () => {
    const argument = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), fc.string());
    fc.assert(
      fc.property(fc.constantFrom(...STDLIB), fc.array(argument, { maxLength: 3 }), (spec, args) => {
        const result = spec.impl(...args);
        if (!args.includes("")) expect(result).not.toBe("");
        if (!spec.fallible) expect(result).not.toBeInstanceOf(Failure);
      }),
      { numRuns: 300 },
    );
  });
});

describe("e164 edge cases the Salesloft preset relies on", () => {
  const e164 = STDLIB_FUNCTIONS.e164;

  it("keeps the seed's fictional-range number, which isValid() would reject", () => {
    expect(e164("07700 900123", "GB")).toBe("+447700900123");
  });

  it("ignores the region for an international number", () => {
    expect(e164("+44 7700 900123", "US")).toBe("+447700900123");
    expect(e164("0044 7700 900123", "GB")).toBe("+447700900123");
  });

  it("reads an integer number as its digits", () => {
    expect(e164(2025550123, "US")).toBe("+12025550123");
  });

  it("does not pick a phone number out of surrounding words", () => {
    expect(e164("call 07700 900123 after 5", "GB")).toBeInstanceOf(Failure);
  });

  it("says why a national number without a region fails, without quoting it", () => {
    const result = e164("07700 900123", "not-a-region");
    expect(result).toBeInstanceOf(Failure);
    expect((result as Failure).reason).toBe("a national number needs a region");
  });

  it("treats blank text as absent, not as a bad number", () => {
    expect(e164("   ", "GB")).toBeUndefined();
  });
});

describe("text functions keep whole characters", () => {
  it("truncate never splits an emoji", () => {
    expect(STDLIB_FUNCTIONS.truncate("ab👍cd", 3)).toBe("ab👍");
  });

  it("split with an empty separator gives characters", () => {
    expect(STDLIB_FUNCTIONS.split("a👍", "")).toEqual(["a", "👍"]);
  });
});
