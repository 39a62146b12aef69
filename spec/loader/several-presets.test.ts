// A file with several presets: each compiles to its own module; loading needs a name, and the error lists them.

import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { loadPresetSource, PresetChoiceError, splitPresetRef } from "../../loader/load-preset.js";
import { prebuiltPath } from "../../loader/paths.js";

const SOURCE = `integration demo "Demo"
  setting token: secret required

preset first "First"
  on "A"
  send POST "https://api.example.test/one"
    header "Authorization" <- "Bearer " + settings.token
  which <- "first"

preset second
  on "A"
  send POST "https://api.example.test/two"
  which <- "second"
`;
const event = { type: "track", event: "A", messageId: "m1" };

describe("several presets in one file", () => {
  it("checks clean (E411 is retired) and compiles each preset to its own module", async () => {
    const first = await compile(SOURCE, { filename: "two.map", preset: "first" });
    const second = await compile(SOURCE, { filename: "two.map", preset: "second" });
    expect(first.diagnostics).toEqual([]);
    expect(first.code).toContain('preset: { name: "first", title: "First" }');
    expect(second.code).toContain('preset: { name: "second" }');
    expect(second.code).not.toContain("api.example.test/one");
  });

  it("refuses to guess: no name gives E441 listing the presets, an unknown name E442", async () => {
    const none = await compile(SOURCE, { filename: "two.map" });
    expect(none.code).toBeUndefined();
    expect(none.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["E441", 'the file holds 2 presets ("first", "second"); name the one to use'],
    ]);
    const wrong = await compile(SOURCE, { filename: "two.map", preset: "thrid" });
    expect(wrong.diagnostics.map((d) => d.code)).toEqual(["E442"]);
    expect(wrong.diagnostics[0].hints).toEqual(['the file has: "first", "second"']);
  });

  it("loads the named preset; without a name it throws an error naming them all", async () => {
    const second = await loadPresetSource(SOURCE, "two.map", { preset: "second" });
    expect(second.transform(event, { token: "t-123456" })).toMatchObject({ request: { body: { which: "second" } } });
    await expect(loadPresetSource(SOURCE, "two.map")).rejects.toThrow(PresetChoiceError);
    await expect(loadPresetSource(SOURCE, "two.map")).rejects.toThrow(/holds 2 presets \("first", "second"\)/);
    await expect(loadPresetSource(SOURCE, "two.map", { preset: "x" })).rejects.toThrow(/no preset named "x"/);
  });

  it("reads FILE.map#NAME and names prebuilt modules file.js or file.<preset>.js", () => {
    expect(splitPresetRef("presets/demo/two.map#second")).toEqual({ path: "presets/demo/two.map", preset: "second" });
    expect(splitPresetRef("presets/demo/two.map")).toEqual({ path: "presets/demo/two.map" });
    expect(prebuiltPath("presets/demo/two.map")).toMatch(/dist\/presets\/demo\/two\.js$/);
    expect(prebuiltPath("presets/demo/two.map", "second")).toMatch(/dist\/presets\/demo\/two\.second\.js$/);
  });
});
