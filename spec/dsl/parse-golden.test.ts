// Golden parse tests: every spec/dsl/parse-cases/<case>.map sits beside its expected AST and diagnostics.
//
// For each case the runner parses <case>.map and compares the AST (spans included) with <case>.ast.json, and the
// rendered diagnostics with <case>.diagnostics.txt. Cases named error-* must report diagnostics; all others must
// parse cleanly and have no .diagnostics.txt. After an intended change, regenerate the expectations with
//
//   UPDATE_GOLDEN=1 npx vitest run spec/dsl/parse-golden.test.ts
//
// and review the diff like code before committing it.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../support/golden.js";
import { renderDiagnostics } from "../../diagnostics/render.js";
import { parse } from "../../dsl/parse.js";

const CASES_DIR = join(import.meta.dirname, "parse-cases");

const caseNames = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith(".map"))
  .map((f) => f.slice(0, -".map".length))
  .sort();

/** Indented JSON with each span on one line, so a reviewer can read the offsets next to the node they belong to. */
function astJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return `${text.replace(/\{\n\s*"start": (\d+),\n\s*"end": (\d+)\n\s*\}/g, '{ "start": $1, "end": $2 }')}\n`;
}

const compareOrUpdate = expectGolden;

describe("golden parse cases", () => {
  it("has cases to run", () => {
    expect(caseNames.length).toBeGreaterThan(10);
  });

  for (const name of caseNames) {
    it(name, () => {
      const filename = `${name}.map`;
      const source = readFileSync(join(CASES_DIR, filename), "utf8");
      const { ast, diagnostics } = parse(source, filename);
      // The expectation of the case's kind is fixed by its name, so a regenerated golden cannot hide a regression.
      if (name.startsWith("error-")) expect(diagnostics.length).toBeGreaterThan(0);
      else expect(renderDiagnostics(diagnostics, source, filename)).toBe("0 errors");
      const rendered = diagnostics.length === 0 ? undefined : `${renderDiagnostics(diagnostics, source, filename)}\n`;
      compareOrUpdate(join(CASES_DIR, `${name}.ast.json`), astJson(ast));
      compareOrUpdate(join(CASES_DIR, `${name}.diagnostics.txt`), rendered);
    });
  }
});
