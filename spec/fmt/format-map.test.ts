// fmt: idempotent, whitespace-only (tokens and so string values unchanged), compiled output unchanged, presets kept.

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { lex } from "../../dsl/lexer.js";
import { formatMapSource } from "../../fmt/format-map.js";
import { v2Program } from "../support/expression-programs.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PRESETS = readdirSync(join(ROOT, "presets"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(ROOT, "presets", d.name))
      .filter((f) => f.endsWith(".map"))
      .map((f) => join(ROOT, "presets", d.name, f)),
  );

/** Every token's image, in order: equal lists mean fmt changed only whitespace and comments' placement. */
function images(text: string): string[] {
  return lex(text).tokens.map((t) => t.image);
}

/** The generated module without what depends on layout: line numbers in comments and the source hash. */
function normalise(code: string | undefined): string | undefined {
  return code
    ?.replace(/line \d+/gi, "line N")
    .replace(/:\d+(:\d+)?/g, ":N")
    .replace(/SOURCE[^\n]*/g, "SOURCE");
}

async function compiled(source: string, filename: string): Promise<string | undefined> {
  const result = await compile(source, { filename });
  return normalise(result.code);
}

/** Re-indents lines at random and adds blank lines: what fmt must undo. (Comments reach the generated code's comments.) */
const messed = (program: string) =>
  fc.array(fc.tuple(fc.nat(6), fc.nat(3)), { minLength: 64, maxLength: 64 }).map((noise) =>
    program
      .split("\n")
      .map((line, i) => {
        const [indent, blanks] = noise[i % noise.length];
        const text = " ".repeat(indent) + line.trim();
        return "\n".repeat(blanks % 2) + text;
      })
      .join("\n"),
  );

describe("formatMapSource", () => {
  it("returns undefined for a file that does not parse", () => {
    expect(formatMapSource('integration x "X"\npreset p\n  a <- (')).toBeUndefined();
  });

  it("lays out statements, arrows, settings, match arms and comments", () => {
    const source = [
      "# top",
      'integration x "X"',
      'setting api_key:secret required "key"',
      '    setting region_x : region "r"   # eol',
      'preset p "P"',
      "on track",
      '        send POST "https://a.example.com/x"',
      '   header "Authorization"<-"Bearer " + settings.api_key',
      "",
      "",
      "",
      "let e=lower(trim(traits.email))",
      "        # own comment",
      "a<-e",
      'longer.name <- {x:1,y : [1,2]}  when event=="a"',
      "b <- match event {",
      '"a"=>1,',
      '"bbb" => 2,',
      "else => 3",
      "}",
    ].join("\n");
    expect(formatMapSource(source)).toBe(
      [
        "# top",
        'integration x "X"',
        '  setting api_key: secret required  "key"',
        '  setting region_x: region          "r"   # eol',
        'preset p "P"',
        "  on track",
        '  send POST "https://a.example.com/x"',
        '    header "Authorization" <- "Bearer " + settings.api_key',
        "",
        "  let e = lower(trim(traits.email))",
        "  # own comment",
        "  a           <- e",
        '  longer.name <- {x: 1, y: [1, 2]}  when event == "a"',
        "  b <- match event {",
        '    "a"   => 1,',
        '    "bbb" => 2,',
        "    else  => 3",
        "  }",
        "",
      ].join("\n"),
    );
  });

  it("keeps a wrapped continuation under the value it continues when the arrow moves", () => {
    const source =
      'integration x "X"\npreset p\n  on track\n  send POST "https://a.example.com"\n  ab <- 1\n' +
      '  c <- to_string(traits.a)\n         ?? "none"\n';
    expect(formatMapSource(source)).toContain('  c  <- to_string(traits.a)\n          ?? "none"\n');
  });

  it.each(PRESETS)(
    "leaves the shipped preset %s as it is, and compiles its messed-up layout the same",
    async (file) => {
      const source = readFileSync(file, "utf8");
      expect(formatMapSource(source, file)).toBe(source);
      const expected = await compiled(source, file);
      expect(expected).toBeDefined();
      await fc.assert(
        fc.asyncProperty(messed(source), async (text) => {
          const once = formatMapSource(text, file)!;
          expect(formatMapSource(once, file)).toBe(once);
          expect(images(once)).toEqual(images(source));
          expect(await compiled(once, file)).toBe(expected);
        }),
        { numRuns: 3 },
      );
    },
  );

  it("is idempotent and whitespace-only on generated programs, and compiles to the same module", async () => {
    await fc.assert(
      fc.asyncProperty(
        v2Program.chain((program) => messed(program).map((text) => [program, text] as const)),
        async ([program, text]) => {
          const once = formatMapSource(text, "gen.map");
          expect(once).toBeDefined();
          expect(formatMapSource(once!, "gen.map")).toBe(once);
          expect(images(once!)).toEqual(images(program));
          expect(await compiled(once!, "gen.map")).toBe(await compiled(program, "gen.map"));
        },
      ),
      { numRuns: 25 },
    );
  });
});
