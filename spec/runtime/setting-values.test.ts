// Settings limited to values (`one of`) and defaults, when settings are loaded; and `require … when` on real events.

import { describe, expect, it } from "vitest";
import type { SettingSpec } from "../../runtime/preset-module.js";
import { validateSettings } from "../../runtime/settings.js";
import { loadPresetSource } from "../../loader/load-preset.js";

const RESIDENCY: SettingSpec = {
  name: "data_residency",
  type: "string",
  required: false,
  secret: false,
  values: ["US", "EU", "IN"],
  default: "US",
};
const RETRIES: SettingSpec = { name: "retries", type: "number", required: true, secret: false, values: [0, 1, 3] };
const COUNTRY: SettingSpec = { name: "country", type: "region", required: false, secret: false, values: ["GB", "IE"] };

function problemsOf(result: ReturnType<typeof validateSettings>): readonly string[] {
  return result.ok ? [] : result.problems;
}

describe("settings limited to values", () => {
  it("accepts a listed value and gives the default to a setting not given (or blank)", () => {
    expect(validateSettings([RESIDENCY, RETRIES], { data_residency: "EU", retries: 3 })).toEqual({
      ok: true,
      settings: { data_residency: "EU", retries: 3 },
    });
    expect(validateSettings([RESIDENCY, RETRIES], { retries: 0 })).toEqual({
      ok: true,
      settings: { data_residency: "US", retries: 0 },
    });
    expect(validateSettings([RESIDENCY], { data_residency: "  " })).toEqual({
      ok: true,
      settings: { data_residency: "US" },
    });
  });

  it("refuses any other value, naming the setting and the values it takes", () => {
    expect(problemsOf(validateSettings([RESIDENCY], { data_residency: "eu-west" }))).toEqual([
      'setting "data_residency" must be one of "US", "EU", "IN", got "eu-west"',
    ]);
    expect(problemsOf(validateSettings([RESIDENCY], { data_residency: "EUR" }))).toEqual([
      'setting "data_residency" must be one of "US", "EU", "IN", got "EUR" (did you mean "EU"?)',
    ]);
    expect(problemsOf(validateSettings([RETRIES], { retries: 2 }))).toEqual([
      'setting "retries" must be one of 0, 1, 3, got 2',
    ]);
  });

  it("takes text trimmed and in any case as the value listed, spelt as listed", () => {
    expect(validateSettings([RESIDENCY], { data_residency: " eu " })).toEqual({
      ok: true,
      settings: { data_residency: "EU" },
    });
    const spellings: SettingSpec = { name: "mode", type: "string", required: false, secret: false, values: ["a", "A"] };
    expect(validateSettings([spellings], { mode: "A" })).toEqual({ ok: true, settings: { mode: "A" } });
    expect(problemsOf(validateSettings([spellings], { mode: " a " }))).toEqual([
      'setting "mode" must be one of "a", "A", got " a " (did you mean "A"?)',
    ]);
  });

  it("reads the environment as text, converts it, then checks it against the values", () => {
    expect(validateSettings([RETRIES], {}, { DEMO_RETRIES: "3" }, "demo")).toEqual({
      ok: true,
      settings: { retries: 3 },
    });
    expect(problemsOf(validateSettings([RETRIES], {}, { DEMO_RETRIES: "5" }, "demo"))).toEqual([
      'environment variable DEMO_RETRIES (setting "retries") must be one of 0, 1, 3, got 5',
    ]);
  });

  it("compares a region after upper-casing it", () => {
    expect(validateSettings([COUNTRY], { country: "ie" })).toEqual({ ok: true, settings: { country: "IE" } });
    expect(problemsOf(validateSettings([COUNTRY], { country: "fr" }))).toEqual([
      'setting "country" must be one of "GB", "IE", got "FR"',
    ]);
  });

  it("never shows a value that may be a credential, nor anything of a secret setting", () => {
    const pasted = "sk_live_0123456789abcdef";
    const [problem] = problemsOf(validateSettings([RESIDENCY], { data_residency: pasted }));
    expect(problem).toContain("text of 24 characters (not shown: it may be a credential)");
    expect(problem).not.toContain(pasted);
    const secret: SettingSpec = { name: "key", type: "secret", required: true, secret: true, values: ["k-one"] };
    const [secretProblem] = problemsOf(validateSettings([secret], { key: "k-two" }));
    expect(secretProblem).toBe('setting "key" is not one of its allowed values (not shown: the setting is secret)');
  });
});

const SOURCE = `integration demo "Demo"
  setting residency: string one of "US", "EU", "IN" default "US"

preset people
  on identify, track
  send POST "https://api.example.com/people"
  require traits.email else "traits.email is required for identify calls" when event.type == "identify"
  residency <- settings.residency
  email <- traits.email
`;

describe("a compiled preset", () => {
  it("refuses settings outside the values before any event is built, and applies the default", async () => {
    const preset = await loadPresetSource(SOURCE, "demo.map");
    const event = { type: "track", event: "A", messageId: "m1" };
    expect(preset.transform(event, { residency: "UK" })).toMatchObject({
      outcome: "error",
      code: "invalid_settings",
      message: expect.stringContaining('setting "residency" must be one of "US", "EU", "IN", got "UK"'),
    });
    expect(preset.transform(event, {})).toMatchObject({ outcome: "send", request: { body: { residency: "US" } } });
  });

  it("applies a require … when only to the events its condition holds for", async () => {
    const preset = await loadPresetSource(SOURCE, "demo.map");
    expect(preset.transform({ type: "identify", messageId: "m1", traits: {} }, {})).toEqual({
      messageId: "m1",
      outcome: "error",
      code: "missing_required",
      message: "traits.email is required for identify calls",
    });
    expect(preset.transform({ type: "track", event: "A", messageId: "m2" }, {})).toMatchObject({ outcome: "send" });
    expect(preset.transform({ type: "identify", messageId: "m3", traits: { email: "a@b.co" } }, {})).toMatchObject({
      outcome: "send",
      request: { body: { email: "a@b.co" } },
    });
  });
});
