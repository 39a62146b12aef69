// Settings validation: required, types, unknown names, ISO regions, environment fallback, and secrets kept out of messages.

import { describe, expect, it } from "vitest";
import type { SettingSpec } from "../../runtime/preset-module.js";
import { settingEnvName, validateSettings } from "../../runtime/settings.js";

const SALESLOFT: readonly SettingSpec[] = [
  { name: "api_key", type: "secret", required: true, secret: true },
  { name: "default_phone_region", type: "region", required: false, secret: false },
];

const MIXED: readonly SettingSpec[] = [
  { name: "batch_size", type: "number", required: false, secret: false },
  { name: "sandbox", type: "boolean", required: false, secret: false },
  { name: "label", type: "string", required: false, secret: false },
];

function problemsOf(result: ReturnType<typeof validateSettings>): readonly string[] {
  return result.ok ? [] : result.problems;
}

describe("validateSettings", () => {
  it("accepts declared settings and upper-cases a region", () => {
    const result = validateSettings(SALESLOFT, { api_key: "sk-123456", default_phone_region: "gb" });
    expect(result).toEqual({ ok: true, settings: { api_key: "sk-123456", default_phone_region: "GB" } });
  });

  it("leaves an optional setting out when it is not given", () => {
    expect(validateSettings(SALESLOFT, { api_key: "sk-123456" })).toEqual({
      ok: true,
      settings: { api_key: "sk-123456" },
    });
  });

  it("reports a missing required setting, and where else it could come from", () => {
    expect(problemsOf(validateSettings(SALESLOFT, {}))).toEqual(['missing required setting "api_key"']);
    expect(problemsOf(validateSettings(SALESLOFT, { api_key: "  " }, {}, "salesloft"))).toEqual([
      'missing required setting "api_key" (in the settings or the environment variable SALESLOFT_API_KEY)',
    ]);
  });

  it("reports the wrong type without ever showing a secret's value", () => {
    const problems = problemsOf(validateSettings(SALESLOFT, { api_key: 12345678, default_phone_region: "Britain" }));
    expect(problems).toEqual([
      'setting "api_key" must be text, got number',
      'setting "default_phone_region" must be an ISO 3166-1 alpha-2 region code such as "GB", got "Britain"',
    ]);
    expect(problems.join("\n")).not.toContain("12345678");
  });

  it("refuses UK, which is not an ISO 3166-1 code", () => {
    expect(problemsOf(validateSettings(SALESLOFT, { api_key: "sk-123456", default_phone_region: "UK" }))).toHaveLength(
      1,
    );
  });

  it("reports unknown settings with a suggestion when one is close", () => {
    const problems = problemsOf(validateSettings(SALESLOFT, { api_key: "sk-123456", apikey: "x", colour: "red" }));
    expect(problems).toEqual([
      'unknown setting "apikey" (did you mean "api_key"?)',
      'unknown setting "colour" (known settings: api_key, default_phone_region)',
    ]);
  });

  it("checks numbers, booleans and text by their JSON type", () => {
    expect(validateSettings(MIXED, { batch_size: 10, sandbox: true, label: "x" })).toEqual({
      ok: true,
      settings: { batch_size: 10, sandbox: true, label: "x" },
    });
    expect(problemsOf(validateSettings(MIXED, { batch_size: "10", sandbox: "yes", label: ["x"] }))).toEqual([
      'setting "batch_size" must be a number, got string',
      'setting "sandbox" must be true or false, got string',
      'setting "label" must be text, got list',
    ]);
  });

  it("rejects settings that are not an object", () => {
    expect(problemsOf(validateSettings(SALESLOFT, ["sk-123456"]))).toEqual([
      "settings must be a JSON object, got list",
    ]);
  });
});

describe("environment fallback", () => {
  it("names the variable <INTEGRATION>_<SETTING>", () => {
    expect(settingEnvName("salesloft", "api_key")).toBe("SALESLOFT_API_KEY");
    expect(settingEnvName("my-crm", "api_key")).toBe("MY_CRM_API_KEY");
  });

  it("reads a setting missing from the input from the environment, trimming a secret", () => {
    const env = { SALESLOFT_API_KEY: "sk-from-env\n", SALESLOFT_DEFAULT_PHONE_REGION: "de" };
    expect(validateSettings(SALESLOFT, undefined, env, "salesloft")).toEqual({
      ok: true,
      settings: { api_key: "sk-from-env", default_phone_region: "DE" },
    });
  });

  it("prefers the settings file over the environment", () => {
    const result = validateSettings(SALESLOFT, { api_key: "sk-file" }, { SALESLOFT_API_KEY: "sk-env" }, "salesloft");
    expect(result).toEqual({ ok: true, settings: { api_key: "sk-file" } });
  });

  it("reads numbers and booleans from their words, and names the variable when one is wrong", () => {
    const env = { CRM_BATCH_SIZE: "25", CRM_SANDBOX: "yes" };
    expect(validateSettings(MIXED, {}, env, "crm")).toEqual({ ok: true, settings: { batch_size: 25, sandbox: true } });
    expect(problemsOf(validateSettings(MIXED, {}, { CRM_BATCH_SIZE: "lots" }, "crm"))).toEqual([
      'environment variable CRM_BATCH_SIZE (setting "batch_size") must be a number, got "lots"',
    ]);
  });

  it("ignores the environment when no integration name is given", () => {
    expect(validateSettings(SALESLOFT, {}, { SALESLOFT_API_KEY: "sk-env" }).ok).toBe(false);
  });

  it("never quotes a value that could be a credential given in the wrong setting", () => {
    const key = "sk_live_4f9a8b7c6d5e4f3a2b1c";
    for (const [input, env] of [
      [{ api_key: "sk-123456", default_phone_region: key }, {}],
      [{ api_key: "sk-123456" }, { SALESLOFT_DEFAULT_PHONE_REGION: key }],
    ] as const) {
      const problems = problemsOf(validateSettings(SALESLOFT, input, env, "salesloft"));
      expect(problems).toHaveLength(1);
      expect(problems[0]).not.toContain("sk_live");
      expect(problems[0]).toContain("text of 28 characters (not shown: it may be a credential)");
    }
  });

  it("reports an API key holding a line break once, without the key", () => {
    const problems = problemsOf(validateSettings(SALESLOFT, { api_key: "sk-123456\r\nX-Evil: 1" }));
    expect(problems).toEqual(['api_key contains a line break (setting "api_key"); remove it']);
  });
});
