// The examples in docs/language.md are real .map: they parse without a syntax error.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../dsl/parse.js";

const DOC = readFileSync(join(import.meta.dirname, "../../docs/language.md"), "utf8");

/** The untagged fenced blocks of one `## ` section of the document. */
function blocksOf(section: string): string[] {
  const start = DOC.indexOf(`\n## ${section}\n`);
  const end = DOC.indexOf("\n## ", start + 1);
  const text = DOC.slice(start, end === -1 ? undefined : end);
  return [...text.matchAll(/\n```\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}

describe("docs/language.md", () => {
  it("opens with an example file that parses cleanly", () => {
    const first = /```\n([\s\S]*?)\n```/.exec(DOC)?.[1] ?? "";
    expect(first).toContain("integration salesloft");
    expect(parse(first, "doc.map").diagnostics).toEqual([]);
  });

  const statementBlocks = blocksOf("Statements");
  it("has statement examples", () => {
    expect(statementBlocks.length).toBeGreaterThanOrEqual(5);
  });

  for (const block of statementBlocks) {
    it(`parses the statement example: ${block.split("\n")[0]}`, () => {
      const { diagnostics, ast } = parse(`integration demo\npreset p\n${block}\n`, "doc.map");
      expect(diagnostics).toEqual([]);
      expect(ast.presets[0].statements.length).toBeGreaterThan(0);
    });
  }
});
