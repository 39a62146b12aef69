// The package entry as other programs import it (CONTRACT section 5): the built dist/index.js, not the sources.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const PRESET = resolve(ROOT, "presets/salesloft/lead-capture.map");

describe("package entry", () => {
  it("exports compile, check and loadPreset, which run the same compiled preset", async () => {
    const api = await import(pathToFileURL(resolve(ROOT, "dist/index.js")).href);
    const source = readFileSync(PRESET, "utf8");
    const compiled = await api.compile(source, { filename: PRESET });
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.code).toContain("export default function definePreset(rt: Runtime): PresetModule");
    expect(api.check(source, { filename: PRESET }).diagnostics).toEqual([]);

    const preset = await api.loadPreset(PRESET);
    const outcome = preset.transform(
      { type: "identify", messageId: "m1", traits: { email: " Ada@Example.COM " } },
      { api_key: "k-123456" },
    );
    expect(outcome).toMatchObject({
      messageId: "m1",
      outcome: "send",
      request: { body: { upsert_key: "email_address", email_address: "ada@example.com", do_not_contact: true } },
    });
  });

  it("reports a preset that does not compile as a PresetCompileError with rendered diagnostics", async () => {
    const api = await import(pathToFileURL(resolve(ROOT, "dist/index.js")).href);
    const broken = 'integration x "X"\npreset p "P"\n  on "A"\n  send POST "https://x.test"\n  a <- lowr("b")\n';
    await expect(api.loadPresetSource(broken, "broken.map")).rejects.toMatchObject({
      name: "PresetCompileError",
      rendered: expect.stringContaining('broken.map:5:8: error[E200]: unknown function "lowr"'),
    });
  });
});
