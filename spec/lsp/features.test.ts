// The editor features called directly on documents: at every offset of a real preset and of random token soups,
// hover, completion and definition answer without throwing, and every range they give lies inside the document.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { completionsAt, KEYWORDS } from "../../lsp/completion.js";
import { definitionAt } from "../../lsp/definition.js";
import { Analyses } from "../../lsp/documents.js";
import { hoverAt } from "../../lsp/hover.js";
import { MAP_TOKENS } from "../support/token-soup.js";
import { ROOT } from "./lsp-client.js";

const URI = pathToFileURL(join(ROOT, "presets/salesloft/features.map")).href;
const SALESLOFT = readFileSync(join(ROOT, "presets/salesloft/lead-capture.map"), "utf8");

interface Range {
  readonly start: { line: number; character: number };
  readonly end: { line: number; character: number };
}

function inside(document: TextDocument, range: Range | undefined): boolean {
  if (range === undefined) return true;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  return 0 <= start && start <= end && end <= document.getText().length;
}

/** Every feature at every offset; returns how many offsets had a hover (so a test can tell it did something). */
function everyOffset(text: string): number {
  const document = TextDocument.create(URI, "signal-map-map", 1, text);
  const analysis = new Analyses(ROOT).of(document);
  let hovers = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    const hover = hoverAt(analysis, offset);
    if (hover !== null) hovers++;
    expect(inside(document, hover?.range)).toBe(true);
    expect(inside(document, definitionAt(analysis, offset)?.range)).toBe(true);
    expect(Array.isArray(completionsAt(analysis, offset))).toBe(true);
  }
  return hovers;
}

describe("editor features at every offset", () => {
  it("answer on the Salesloft preset, with a hover on most of its names", () => {
    expect(everyOffset(SALESLOFT)).toBeGreaterThan(300);
  });

  it("never throw on token soups (partial ASTs from error recovery)", () => {
    const header = 'integration s "S"\n  setting api_key: secret required\npreset p "P"\n  ';
    const soup = fc.array(fc.constantFrom(...MAP_TOKENS), { maxLength: 30 }).map((tokens) => tokens.join(" "));
    fc.assert(
      fc.property(fc.boolean(), soup, (withHeader, body) => {
        everyOffset(withHeader ? header + body : body);
      }),
      { numRuns: 60 },
    );
  });

  it("offer every keyword of the lexer", () => {
    expect(KEYWORDS).toEqual(expect.arrayContaining(["integration", "preset", "let", "omit", "match"]));
  });
});
