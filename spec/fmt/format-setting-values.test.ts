// fmt on settings limited to values (`one of`, `default`) and `require … when`: canonical layout, idempotent, tokens
// unchanged, and a value of `one of` or a default never taken for a description to align.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { lex } from "../../dsl/lexer.js";
import { formatMapSource } from "../../fmt/format-map.js";

const images = (text: string) => lex(text).tokens.map((t) => t.image);

describe("formatMapSource on one of, default and require … when", () => {
  it("lays them out, aligning only real descriptions", () => {
    const source = [
      'integration m "M"',
      'setting api_key: secret required "key"',
      '   setting data_residency: string one of "US","EU" ,  "IN" default "US"',
      'setting retries: number one of -1,0, 3 "Retries"',
      "preset p",
      "on identify, track",
      'send POST "https://x.example/a"',
      'require traits.email else "email"   when event.type=="identify"',
      "a <- 1",
    ].join("\n");
    expect(formatMapSource(source)).toBe(
      [
        'integration m "M"',
        '  setting api_key: secret required         "key"',
        '  setting data_residency: string one of "US", "EU", "IN" default "US"',
        '  setting retries: number one of -1, 0, 3  "Retries"',
        "preset p",
        "  on identify, track",
        '  send POST "https://x.example/a"',
        '  require traits.email else "email" when event.type == "identify"',
        "  a <- 1",
        "",
      ].join("\n"),
    );
  });

  const literal = fc.oneof(
    fc.constantFrom('"US"', '"EU"', '"IN"', '"a b"'),
    fc.integer({ min: -5, max: 5 }).map(String),
  );
  const setting = fc
    .tuple(
      fc.array(literal, { minLength: 1, maxLength: 4 }),
      fc.option(literal, { nil: undefined }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([values, fallback, required, described], i) =>
      [
        `setting s${i}: string`,
        required ? "required" : "",
        `one of ${values.join(" ,")}`,
        fallback === undefined ? "" : `default ${fallback}`,
        described ? '"Described"' : "",
      ].join(" "),
    );
  const program = fc
    .tuple(fc.array(setting, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }))
    .map(([settings, requires]) =>
      [
        'integration m "M"',
        ...settings.map((line, i) => line.replace(/^setting s\d+/, `setting s${i}`)),
        "preset p",
        "on identify, track",
        'send POST "https://x.example/a"',
        ...requires.map((n, i) => `require traits.f${n} else "f${n}"${i % 2 === 0 ? ` when traits.f${n}==${n}` : ""}`),
        "a <- 1",
      ].join("\n   "),
    );

  it("is idempotent and whitespace-only on generated settings and requires, and compiles the same", async () => {
    await fc.assert(
      fc.asyncProperty(program, async (text) => {
        const once = formatMapSource(text, "gen.map");
        expect(once).toBeDefined();
        expect(formatMapSource(once!, "gen.map")).toBe(once);
        expect(images(once!)).toEqual(images(text));
        const before = await compile(text, { filename: "gen.map" });
        const after = await compile(once!, { filename: "gen.map" });
        expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
      }),
      { numRuns: 40 },
    );
  });
});
