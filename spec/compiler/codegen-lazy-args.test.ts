// Calls to a function that is absent without its first argument evaluate the others only when the first is present,
// unless evaluating them could record a warning; the outcome is the same either way.

import { describe, expect, it } from "vitest";
import { emitChecked } from "../../compiler/index.js";
import { loadPresetSource } from "../../loader/load-preset.js";
import type { SendOutcome } from "../../runtime/outcome.js";

const SOURCE = `integration demo
  setting api_key: secret required
  setting default_region: string

preset calls
  on track
  send POST "https://api.example.com/v1/things"

  phone <- e164(traits.phone, coalesce(region(context.locale), settings.default_region)) ?? omit
  mobile <- e164(trim(traits.mobile), region(context.locale)) ?? omit
  backup <- e164(traits.backup, to_string(to_number(traits.code) ?? 1 warn "traits.code is not a number")) ?? omit
`;

function code(): string {
  const result = emitChecked(SOURCE, { filename: "presets/demo/calls.map" });
  expect(result.diagnostics?.filter((d) => d.code.startsWith("E")) ?? []).toEqual([]);
  return result.code!;
}

describe("lazy arguments", () => {
  it("skip the region lookups of e164 when there is no phone", () => {
    // A path is read again rather than handed to a closure; any other first argument is computed once.
    expect(code()).toMatch(
      /\(trait\(event, "phone"\) === undefined\s+\? undefined\s+: e164\(trait\(event, "phone"\), firstPresent\(/,
    );
    expect(code()).toMatch(/whenPresent\(trim\(trait\(event, "mobile"\)\), \(given\) => e164\(given, region\(/);
  });

  it("keep evaluating arguments that may record a warning", () => {
    expect(code()).toMatch(/e164\(trait\(event, "backup"\), to_string\(orElse\(/);
  });

  it("give the same outcome with and without a phone", async () => {
    const preset = await loadPresetSource(SOURCE, "presets/demo/calls.map");
    const settings = { api_key: "k", default_region: "GB" } as never;
    const send = (traits: object) =>
      preset.transform(
        { type: "track", event: "x", messageId: "m", traits, context: { locale: "en-GB" } },
        settings,
      ) as SendOutcome;
    expect(send({ phone: "+1 (415) 555-2671" }).request.body).toEqual({ phone: "+14155552671" });
    expect(send({ phone: "07700 900123" }).request.body).toEqual({ phone: "+447700900123" });
    expect(send({ phone: "", mobile: " 07700 900125 " }).request.body).toEqual({ mobile: "+447700900125" });
    // The warning of the argument that is always evaluated is recorded whether or not there is a backup number.
    expect(send({ code: "x" }).warnings).toEqual(["traits.code is not a number"]);
    expect(send({ code: "x", backup: "07700 900124" }).warnings).toEqual(["traits.code is not a number"]);
  });
});
