// Property tests: parse() never throws and always answers with a well-formed MapFile, whatever it is given.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MapFile, Span } from "../../dsl/ast.js";
import { parse } from "../../dsl/parse.js";
import { MAP_TOKENS } from "../support/token-soup.js";

// Every token the grammar knows, plus near-misses (bad escapes, lone operators, unterminated strings).
const TOKENS = MAP_TOKENS;

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(" ", "", "\n")), { maxLength: 60 })
  .map((parts) => parts.map(([token, gap]) => token + gap).join(""));

// A real preset with one slip in it: exercises recovery in the middle of statements, where soups rarely reach.
const PRESET = readFileSync(join(import.meta.dirname, "../../presets/salesloft/lead-capture.map"), "utf8");
const mutatedPreset = fc
  .tuple(fc.nat({ max: PRESET.length }), fc.nat({ max: 12 }), fc.constantFrom(...TOKENS, ""))
  .map(([at, deleted, inserted]) => PRESET.slice(0, at) + inserted + PRESET.slice(at + deleted));

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  tokenSoup,
  mutatedPreset,
);

/** Walks every object in the AST that has a span and checks it lies inside the source and inside its parent. */
function assertSpansNest(node: unknown, parent: Span, length: number): void {
  if (Array.isArray(node)) return node.forEach((child) => assertSpansNest(child, parent, length));
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  const span = record.span as Span | undefined;
  if (span !== undefined) {
    expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
    expect(span.start).toBeLessThanOrEqual(span.end);
    expect(span.start).toBeGreaterThanOrEqual(parent.start);
    expect(span.end).toBeLessThanOrEqual(Math.min(parent.end, length));
  }
  for (const [key, child] of Object.entries(record)) {
    if (key !== "span") assertSpansNest(child, span ?? parent, length);
  }
}

function assertWellFormed(text: string): void {
  const { ast, diagnostics } = parse(text, "fuzz.map");
  const file: MapFile = ast;
  expect(file.kind).toBe("MapFile");
  expect(Array.isArray(file.presets)).toBe(true);
  assertSpansNest(file, { start: 0, end: text.length }, text.length);
  for (const d of diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.start).toBeLessThanOrEqual(d.span.end);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    // The last-resort catch in parse() must never be what answered.
    expect(d.message).not.toMatch(/internal parser error/);
  }
}

describe("parse on arbitrary input", () => {
  it("never throws and returns a MapFile whose spans nest inside the source", () => {
    fc.assert(
      fc.property(anyText, (text) => assertWellFormed(text)),
      { numRuns: 300, seed: 20240611 },
    );
  });

  it("survives inputs that are not strings at all when called from JavaScript", () => {
    for (const value of [undefined, null, 42, {}, []]) {
      const { ast } = parse(value as unknown as string, "weird.map");
      expect(ast.kind).toBe("MapFile");
    }
  });
});
