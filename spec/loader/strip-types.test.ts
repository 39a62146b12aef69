// The in-memory loader's JavaScript (generated TypeScript with its types stripped, no TypeScript compiler) behaves as
// the TypeScript compiler's output: for every codegen case and shipped preset, both modules give identical outcomes
// on every shipped fixture event and on generated events, under every fixture's settings.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { generateEventList } from "../../bench/events/generate.js";
import { stripTypes, maskStringsAndComments } from "../../compiler/codegen/strip-types.js";
import { compile, emitChecked, presetNames } from "../../compiler/index.js";
import { toJavaScript } from "../../loader/load-preset.js";
import { runtime } from "../../runtime/index.js";
import { createPreset, type Preset } from "../../runtime/preset.js";
import type { PresetModule, Runtime } from "../../runtime/preset-module.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CASES = join(ROOT, "spec/compiler/codegen-cases");
const PRESETS = join(ROOT, "presets");

const mapFiles = [
  ...readdirSync(CASES)
    .filter((f) => f.endsWith(".map"))
    .map((f) => join(CASES, f)),
  ...readdirSync(PRESETS).flatMap((dir) =>
    readdirSync(join(PRESETS, dir))
      .filter((f) => f.endsWith(".map"))
      .map((f) => join(PRESETS, dir, f)),
  ),
];

interface Fixture {
  readonly event: unknown;
  readonly settings?: Record<string, unknown>;
}

const fixtures: Fixture[] = readdirSync(PRESETS).flatMap((dir) => {
  const folder = join(PRESETS, dir, "tests");
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(folder, f), "utf8")) as Fixture);
});

const events = [
  ...fixtures.map((f) => f.event),
  ...generateEventList(150, { mix: "phones", seed: 7 }),
  ...generateEventList(50, { mix: "no-phones", seed: 8 }),
];

async function importFactory(js: string): Promise<(rt: Runtime) => PresetModule> {
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString("base64")}`)) as {
    default: (rt: Runtime) => PresetModule;
  };
  return mod.default;
}

/** Settings to try: every fixture's, and one made from the preset's declarations. */
function settingsFor(preset: Preset): Record<string, unknown>[] {
  const made: Record<string, unknown> = {};
  for (const spec of preset.meta.settings) {
    made[spec.name] = spec.type === "number" ? 3 : spec.type === "boolean" ? true : spec.type === "region" ? "GB" : "k";
  }
  const distinct = new Map(fixtures.flatMap((f) => (f.settings ? [[JSON.stringify(f.settings), f.settings]] : [])));
  return [made, ...distinct.values()];
}

describe("stripped JavaScript behaves as the TypeScript compiler's output", () => {
  for (const file of mapFiles) {
    const filename = relative(ROOT, file);
    const source = readFileSync(file, "utf8");
    const names = presetNames(source, filename);
    for (const name of names.length > 1 ? names : [undefined]) {
      it(`${filename}${name ? `#${name}` : ""}`, async () => {
        const typed = await compile(source, { filename, preset: name });
        const raw = emitChecked(source, { filename, preset: name });
        expect(raw.code, "compiles").toBeDefined();
        const viaTs = createPreset((await importFactory(await toJavaScript(typed.code!)))(runtime));
        const viaStrip = createPreset((await importFactory(stripTypes(raw.code!)))(runtime));
        const now = () => new Date("2025-06-01T12:00:00.000Z");
        let compared = 0;
        for (const settings of settingsFor(viaTs)) {
          for (const event of events) {
            expect(viaStrip.transform(event, settings, { now })).toEqual(viaTs.transform(event, settings, { now }));
            compared++;
          }
        }
        expect(compared).toBeGreaterThan(events.length);
        expect(viaStrip.meta).toEqual(viaTs.meta);
      });
    }
  }
});

describe("stripTypes", () => {
  it("touches nothing inside strings, templates and comments", () => {
    const code = [
      'const a = "let x: string = 1;"; // const y: number = 2;',
      "const b = `function f(a: T): R {${'const q: Q = 1;'}}`;",
      "/* let z: Z; */ let w: Record<string, unknown> = {};",
      "function g(p: A, q: B | undefined): C { return p; }",
    ].join("\n");
    expect(stripTypes(code)).toBe(
      [
        'const a = "let x: string = 1;"; // const y: number = 2;',
        "const b = `function f(a: T): R {${'const q: Q = 1;'}}`;",
        "/* let z: Z; */ let w = {};",
        "function g(p, q) { return p; }",
      ].join("\n"),
    );
  });

  it("masks keep the length and the line breaks", () => {
    const code = 'a("x\\"y"); // c\n/* d\ne */ `t${"u"}`';
    const masked = maskStringsAndComments(code);
    expect(masked.length).toBe(code.length);
    expect(masked.split("\n").length).toBe(code.split("\n").length);
    expect(masked).not.toMatch(/[xycdetu]/);
  });

  it("strips an anonymous function's parameters and return type, as perSettings(function (…) …) is written", () => {
    const code = "const u = perSettings(function (settings: Settings): string | BuildResult {\n  return made;\n});";
    expect(stripTypes(code)).toBe("const u = perSettings(function (settings) {\n  return made;\n});");
  });

  it("removes a type import", () => {
    expect(stripTypes('import type { A } from "m";\nexport const x = 1;\n')).toBe("export const x = 1;\n");
  });
});
