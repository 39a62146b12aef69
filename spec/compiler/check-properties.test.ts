// Property tests of the checker: whatever the parser hands it, or whatever holes an AST has, it answers and never throws.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkFile } from "../../compiler/check/index.js";
import { parse } from "../../dsl/parse.js";
import type { MapFile } from "../../dsl/ast.js";
import { MAP_TOKENS } from "../support/token-soup.js";

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "check-cases");
const CLEAN_FILE = path.join(CASES_DIR, "clean.map");
const CLEAN_SOURCE = readFileSync(CLEAN_FILE, "utf8");

// Pieces of real .map text, so soups reach deep into the parser and produce partial ASTs, not just one syntax error.
const TOKENS = MAP_TOKENS;

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(" "));
const header = 'integration s "S"\n  setting api_key: secret required\npreset p "P"\n  ';

function spansInside(text: string, result: ReturnType<typeof checkFile>): boolean {
  return result.diagnostics.every(
    (d) =>
      d.span.start >= 0 &&
      d.span.start <= d.span.end &&
      d.span.end <= text.length &&
      d.labels.every((label) => label.span.start >= 0 && label.span.end <= text.length),
  );
}

describe("checkFile on parser output", () => {
  it("never throws on token soups, and every span lies inside the text", () => {
    fc.assert(
      fc.property(fc.boolean(), tokenSoup, (withHeader, soup) => {
        const text = withHeader ? header + soup : soup;
        const { ast } = parse(text, "/tmp/soup.map");
        const result = checkFile(ast, { filename: "/tmp/soup.map", readFile: () => undefined });
        expect(spansInside(text, result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { ast } = parse(text, "/tmp/any.map");
        checkFile(ast, { filename: "/tmp/any.map", readFile: () => "not json" });
      }),
      { numRuns: 200 },
    );
  });
});

// Holes that error recovery, or a future parser, might leave: a missing field, null, an empty object, a wrong type.
const HOLES: readonly unknown[] = [undefined, null, {}, [], "", 0, { kind: "Unknown" }, { kind: "Path" }];

function slotsOf(root: unknown): { parent: Record<string, unknown>; key: string }[] {
  const slots: { parent: Record<string, unknown>; key: string }[] = [];
  const visit = (value: unknown) => {
    if (value === null || typeof value !== "object") return;
    for (const key of Object.keys(value)) {
      slots.push({ parent: value as Record<string, unknown>, key });
      visit((value as Record<string, unknown>)[key]);
    }
  };
  visit(root);
  return slots;
}

// The language v2 expressions (objects, comprehensions, if, match, arithmetic) in one clean file.
const V2_FILE = path.join(CASES_DIR, "expr-clean.map");

describe("checkFile on damaged ASTs", () => {
  it.each([
    ["a real preset's AST", CLEAN_FILE],
    ["an AST of every v2 expression", V2_FILE],
  ])("never throws when parts of %s are missing or malformed", (_what, file) => {
    const source = readFileSync(file, "utf8");
    const mutation = fc.record({ slot: fc.nat(), hole: fc.nat({ max: HOLES.length }) });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const ast = structuredClone(parse(source, file).ast) as unknown;
        for (const { slot, hole } of mutations) {
          const slots = slotsOf(ast);
          if (slots.length === 0) break;
          const { parent, key } = slots[slot % slots.length];
          if (hole === HOLES.length) delete parent[key];
          else parent[key] = structuredClone(HOLES[hole]);
        }
        const result = checkFile(ast as MapFile, { filename: file });
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("never lets a malformed tree check clean: the part it could not check is an internal error", () => {
    const ast = structuredClone(parse(CLEAN_SOURCE, CLEAN_FILE).ast);
    const statements = ast.presets[0].statements as unknown[];
    const broken = statements.findIndex((statement) => (statement as { kind: string }).kind === "Require");
    statements[broken] = { kind: "Require", span: { start: 0, end: 1 } };
    const result = checkFile(ast, { filename: CLEAN_FILE });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["E900"]);
    expect(result.diagnostics[0].message).toBe(
      "internal compiler error: a statement is malformed in the syntax tree and was not checked",
    );
  });
});
