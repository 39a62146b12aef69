// Properties of settings limited to values: whatever the input, validation never throws, a setting it accepts holds
// one of its listed values exactly (so a preset may compare exactly), and a refusal never quotes a secret's value;
// any `one of`/`default` declaration, well-formed or not, compiles without throwing.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import type { SettingSpec } from "../../runtime/preset-module.js";
import { validateSettings } from "../../runtime/settings.js";

const text = fc.oneof(fc.constantFrom("US", "EU", "IN", "eu", " us ", "Eu-West", ""), fc.string({ maxLength: 12 }));
const scalar = fc.oneof(text, fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null));

const spec: fc.Arbitrary<SettingSpec> = fc
  .tuple(
    fc.constantFrom<SettingSpec["type"]>("string", "number", "region", "secret"),
    fc.array(fc.oneof(text, fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([type, values, required]) => ({
    name: "s",
    type,
    required,
    secret: type === "secret",
    values: type === "number" ? values.filter((v) => typeof v === "number") : values.map(String),
  }));

describe("validateSettings with one of", () => {
  it("never throws, accepts only listed values, and never shows a secret's value", () => {
    fc.assert(
      fc.property(spec, scalar, (declared, given) => {
        const result = validateSettings([declared], { s: given });
        if (result.ok) {
          if (result.settings.s !== undefined) expect(declared.values).toContain(result.settings.s);
        } else if (declared.secret && typeof given === "string" && given.trim().length > 3) {
          expect(result.problems.join("\n")).not.toContain(given.trim());
        }
      }),
      { numRuns: 300 },
    );
  });
});

const literal = fc.oneof(
  fc.constantFrom('"US"', '"EU"', '""', "true", "false", "-1", "3.5", "x", ","),
  fc.integer({ min: -9, max: 9 }).map(String),
);

describe("compiling settings with one of and default", () => {
  it("never throws on any list or default, well-formed or not", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("string", "number", "boolean", "region", "secret"),
        fc.array(literal, { maxLength: 4 }),
        fc.option(literal, { nil: undefined }),
        fc.constantFrom("", "required"),
        async (type, values, fallback, required) => {
          const list = values.length === 0 ? "" : `one of ${values.join(", ")}`;
          const source = `integration m "M"
  setting s: ${type} ${required} ${list} ${fallback === undefined ? "" : `default ${fallback}`}
preset p
  on track
  send POST "https://api.example.com/x"
  require traits.a else "a" when settings.s == "US"
  a <- match settings.s { "US" => 1, 2 => 2, else => 3 }
`;
          const result = await compile(source, { filename: "gen.map" });
          expect(Array.isArray(result.diagnostics)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
