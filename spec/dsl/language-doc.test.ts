// The examples in docs/language.md are real .map: they parse without a syntax error, and each runnable example (a
// `map` block followed by a `json` block with an event and the body it must give) compiles cleanly and gives it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../dsl/parse.js";
import { compile } from "../../compiler/index.js";
import { loadPresetSource } from "../../loader/load-preset.js";

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

/** Each ```map block followed by a ```json block: the rules, and the event they run on with the body expected. */
function runnableExamples(): { rules: string; event: Record<string, unknown>; body: unknown }[] {
  return [...DOC.matchAll(/\n```map\n([\s\S]*?)\n```\n\n```json\n([\s\S]*?)\n```/g)].map((m) => {
    const expected = JSON.parse(m[2]) as { event: Record<string, unknown>; body: unknown };
    return { rules: m[1], event: expected.event, body: expected.body };
  });
}

const RUNNABLE_PRESET = (rules: string) => `integration demo
preset example
  on "Lead Generated", "Signed Up"
  send POST "https://example.test/v1"
${rules.replace(/^/gm, "  ")}
`;

describe("runnable examples of docs/language.md", () => {
  const examples = runnableExamples();
  it("has runnable examples for the expressions of language v2", () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  for (const { rules, event, body } of examples) {
    it(`compiles and runs: ${rules.split("\n")[0]}`, async () => {
      const source = RUNNABLE_PRESET(rules);
      const result = await compile(source, { filename: "doc.map" });
      expect(result.diagnostics).toEqual([]);
      const preset = await loadPresetSource(source, "doc.map");
      const outcome = preset.transform({ type: "track", event: "Lead Generated", messageId: "m1", ...event }, {});
      expect(outcome.outcome === "send" ? outcome.request.body : outcome).toEqual(body);
    });
  }
});
