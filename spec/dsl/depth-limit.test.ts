// Deep nesting is a documented limit (E105) reported on its own line, never an internal error that hides the rest.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check } from "../../compiler/index.js";
import { MAX_NESTING } from "../../dsl/depth-limit.js";
import { parse } from "../../dsl/parse.js";

const PRESET_PATH = fileURLToPath(new URL("../../presets/salesloft/lead-capture.map", import.meta.url));
const SALESLOFT = readFileSync(PRESET_PATH, "utf8");
const checkSource = (source: string) => check(source, { filename: PRESET_PATH }).diagnostics.map((d) => d.code);
const TITLE = "  title               <- trim(traits.title)";

/** The Salesloft preset with the title rule replaced and a misspelt function two lines earlier. */
function presetWith(title: string): string {
  return SALESLOFT.replace(TITLE, `  title               <- ${title}`).replace(
    "first_name          <- trim(",
    "first_name          <- trimm(",
  );
}

const lineOf = (source: string, offset: number) => source.slice(0, offset).split("\n").length;

describe("nesting limit", () => {
  const shapes = {
    parentheses: (n: number) => `${"(".repeat(n)}trim(traits.title)${")".repeat(n)}`,
    calls: (n: number) => `${"trim(".repeat(n)}traits.title${")".repeat(n)}`,
    lists: (n: number) => `${"[".repeat(n)}trim(traits.title)${"]".repeat(n)}`,
  };
  for (const [shape, build] of Object.entries(shapes)) {
    it(`200 nested ${shape} are E105 on the title line, and the misspelt function is still reported`, () => {
      const source = presetWith(build(200));
      const { diagnostics } = parse(source, "deep.map");
      expect(diagnostics.map((d) => d.code)).toEqual(["E105"]);
      expect(lineOf(source, diagnostics[0]!.span.start)).toBe(lineOf(source, source.indexOf("  title ")));
      const checked = checkSource(source);
      expect(checked).toContain("E105");
      expect(checked).toContain("E200");
      expect(checked).not.toContain("E900");
    });
  }

  it(`${MAX_NESTING} levels parse, one more does not`, () => {
    const at = (n: number) => parse(presetWith(shapes.parentheses(n - 1)), "d.map").diagnostics.map((d) => d.code);
    expect(at(MAX_NESTING)).toEqual([]);
    expect(at(MAX_NESTING + 1)).toEqual(["E105"]);
  });

  it("a 500-term + chain checks clean, as it compiles", () => {
    const chain = Array.from({ length: 500 }, () => "trim(traits.title)").join(" + ");
    const source = SALESLOFT.replace(TITLE, `  title               <- ${chain}`);
    expect(parse(source, "plus.map").diagnostics).toEqual([]);
    expect(checkSource(source)).toEqual([]);
  });
});
