// Loading presets: prebuilt when current, compiled in memory otherwise, and never from a place others can write.

import { readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { loadPresetSource, moduleFolder } from "../../loader/load-preset.js";

const SOURCE = `integration demo "Demo"
  setting token: secret required "API token"
preset p "P"
  on "Signed Up"
  send POST "https://example.test/v1/people"
    header "Authorization" <- "Bearer " + settings.token
  email <- lower(trim(traits.email))
`;

describe("loadPresetSource", () => {
  it("writes compiled modules only into a fresh folder of its own, readable by no one else", async () => {
    const preset = await loadPresetSource(SOURCE, "demo.map");
    expect(
      preset.transform({ type: "track", event: "Signed Up", traits: { email: " A@B.CO " } }, { token: "t" }),
    ).toMatchObject({
      outcome: "send",
      request: { body: { email: "a@b.co" } },
    });
    const folder = moduleFolder();
    expect(folder.startsWith(tmpdir())).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(folder).uid).toBe(process.getuid?.() ?? statSync(folder).uid);
    for (const file of readdirSync(folder)) expect(statSync(`${folder}/${file}`).mode & 0o077).toBe(0);
  });

  it("gives each loaded source its own module, so two presets never share state", async () => {
    const a = await loadPresetSource(SOURCE, "a.map");
    const b = await loadPresetSource(SOURCE.replace("lower(", "upper("), "b.map");
    const event = { type: "track", event: "Signed Up", traits: { email: "Mixed@Case.io" } };
    expect(a.transform(event, { token: "t" })).toMatchObject({ request: { body: { email: "mixed@case.io" } } });
    expect(b.transform(event, { token: "t" })).toMatchObject({ request: { body: { email: "MIXED@CASE.IO" } } });
  });
});
