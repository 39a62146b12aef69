// Golden code generation: each .map in codegen-cases/ beside the TypeScript it must compile to, byte for byte.
// Regenerate with UPDATE_GOLDEN=1 npx vitest run spec/compiler/codegen.test.ts, then review the diff like code.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../support/golden.js";
import { compile } from "../../compiler/index.js";
import { typeErrors } from "../support/typecheck.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CASES = join(import.meta.dirname, "codegen-cases");

/** Every case, plus the shipped Salesloft preset, whose expected module is kept with the cases. */
const sources = [
  ...readdirSync(CASES)
    .filter((f) => f.endsWith(".map"))
    .map((f) => ({ name: f.replace(/\.map$/, ""), path: join(CASES, f) })),
  { name: "salesloft-lead-capture", path: join(ROOT, "presets/salesloft/lead-capture.map") },
];

/** A case may expect warnings, one `# expects W120` line each; any other diagnostic fails it. */
async function generate(path: string): Promise<string> {
  const filename = relative(ROOT, path);
  const source = readFileSync(path, "utf8");
  const expected = [...source.matchAll(/^\s*# expects ([EW]\d{3})\b/gm)].map((match) => match[1]);
  const result = await compile(source, { filename });
  expect(
    result.diagnostics.map((d) => d.code),
    `${filename} should compile with no diagnostic but those it expects`,
  ).toEqual(expected);
  return result.code ?? "";
}

describe("code generation", () => {
  for (const { name, path } of sources) {
    it(`${name} compiles to ${name}.expected.ts`, async () => {
      const code = await generate(path);
      const expectedFile = join(CASES, `${name}.expected.ts`);
      expectGolden(expectedFile, code);
    });
  }

  it("gives byte-identical output for the same input", async () => {
    const path = join(ROOT, "presets/salesloft/lead-capture.map");
    expect(await generate(path)).toBe(await generate(path));
  });

  it("generates modules that type-check under tsc --strict", async () => {
    const modules = new Map<string, string>();
    for (const { name, path } of sources) modules.set(name, await generate(path));
    expect(typeErrors(modules)).toEqual([]);
  }, 60_000);

  it("generates no eval, no Function constructor and no runtime imports", async () => {
    for (const { path } of sources) {
      const code = await generate(path);
      expect(code).not.toMatch(/\beval\s*\(|\bnew Function\b|\bFunction\s*\(/);
      const imports = code.split("\n").filter((line) => /^\s*import\b/.test(line));
      for (const line of imports) expect(line).toMatch(/^import type /);
    }
  });
});
