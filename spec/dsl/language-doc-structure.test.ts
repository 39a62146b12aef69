// The "Preset structure" examples of docs/language.md run: each ```map block compiles clean, and each line of the
// ```run block after it is an event whose outcome must match the line's "expect" (and "orderKey", when given).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import { loadPresetSource } from "../../loader/load-preset.js";

const DOC = readFileSync(join(import.meta.dirname, "../../docs/language.md"), "utf8");

interface Example {
  readonly map: string;
  readonly runs: readonly Record<string, unknown>[];
}

function structureExamples(): Example[] {
  const start = DOC.indexOf("\n## Preset structure\n");
  const end = DOC.indexOf("\n## ", start + 1);
  const section = DOC.slice(start, end);
  return [...section.matchAll(/```map\n([\s\S]*?)\n```(?:\n```run\n([\s\S]*?)\n```)?/g)].map((m) => ({
    map: m[1],
    runs: (m[2] ?? "")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line)),
  }));
}

describe("docs/language.md, Preset structure", () => {
  const examples = structureExamples();
  it("has an example for each construct", () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.every((e) => e.runs.length > 0)).toBe(true);
  });

  for (const example of examples) {
    const title = example.map.split("\n").find((line) => line.startsWith("preset")) ?? "preset";
    it(`compiles and runs: ${title}`, async () => {
      const names = [...example.map.matchAll(/^preset (\w+)/gm)].map((m) => m[1]);
      for (const name of names) {
        const result = await compile(example.map, { filename: "doc.map", preset: name });
        expect(hasErrors(result.diagnostics), JSON.stringify(result.diagnostics)).toBe(false);
      }
      for (const run of example.runs) {
        const preset = await loadPresetSource(example.map, "doc.map", { preset: run.preset as string | undefined });
        const now = typeof run.now === "string" ? new Date(run.now) : undefined;
        const settings = (run.settings ?? {}) as Record<string, string>;
        const prepared = preset.prepare(run.event, settings, now ? { now: () => now } : undefined);
        expect(prepared.outcome).toMatchObject(run.expect as object);
        if (run.orderKey !== undefined) expect(prepared.orderKey).toBe(run.orderKey);
      }
    });
  }
});
