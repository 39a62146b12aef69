// createPreset with a hand-written module: routing, build results, request-schema checks and the last line of defence.

import { describe, expect, it } from "vitest";
import { field } from "../../runtime/access.js";
import type { Outcome } from "../../runtime/outcome.js";
import type { BuildResult, PresetModule } from "../../runtime/preset-module.js";
import { createPreset } from "../../runtime/preset.js";
import type { NormalizedEvent, Settings } from "../../runtime/values.js";

const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "test/lead.request.schema.json",
  type: "object",
  additionalProperties: false,
  required: ["email_address"],
  properties: {
    email_address: { type: "string" },
    phone: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
  },
};

function build(event: NormalizedEvent, settings: Settings): BuildResult {
  const email = field(event.traits, "email");
  if (field(event.traits, "crash") === true) throw new Error(`boom near ${String(settings.api_key)}`);
  if (field(event.traits, "nothing") === true) return undefined as unknown as BuildResult;
  if (email === undefined && field(event.traits, "skip_email") !== true) {
    return { kind: "error", code: "missing_required", message: "traits.email is required: it is the upsert key" };
  }
  const body: Record<string, unknown> = {};
  if (email !== undefined) body.email_address = email;
  if (field(event.traits, "phone") !== undefined) body.phone = field(event.traits, "phone");
  if (field(event.traits, "tag") !== undefined) body.tags = [field(event.traits, "tag")];
  const headers = { Authorization: `Bearer ${String(settings.api_key)}`, "Content-Type": "application/json" };
  return {
    kind: "request",
    request: { method: "POST", url: "https://api.example.com/leads", headers, body },
    warnings: [],
  };
}

const MODULE: PresetModule = {
  source: "acme.map",
  integration: { name: "acme", title: "Acme CRM" },
  preset: { name: "leads", title: "Leads" },
  settings: [{ name: "api_key", type: "secret", required: true, secret: true }],
  events: ["Lead Generated", "Identified"],
  requestSchema: SCHEMA,
  secretHeaders: ["Authorization"],
  build,
};

const SETTINGS: Settings = { api_key: "sk-test-0123456789" };
const preset = createPreset(MODULE);

function lead(traits: Record<string, unknown>, messageId = "m1"): Record<string, unknown> {
  return { type: "track", event: "Lead Generated", messageId, traits };
}

function errorOf(outcome: Outcome): { code: string; message: string } {
  if (outcome.outcome !== "error") throw new Error(`expected an error outcome, got ${outcome.outcome}`);
  return { code: outcome.code, message: outcome.message };
}

describe("createPreset", () => {
  it("describes the module without its code", () => {
    expect(preset.name).toBe("acme/leads");
    expect(preset.meta.events).toEqual(["Lead Generated", "Identified"]);
    expect("build" in preset.meta).toBe(false);
  });

  it("sends the built request with its warnings", () => {
    expect(preset.transform(lead({ email: "jane@example.com", tag: "web" }), SETTINGS)).toEqual({
      messageId: "m1",
      outcome: "send",
      request: {
        method: "POST",
        url: "https://api.example.com/leads",
        headers: { Authorization: "Bearer sk-test-0123456789", "Content-Type": "application/json" },
        body: { email_address: "jane@example.com", tags: ["web"] },
      },
      warnings: [],
    });
  });

  it("handles identify calls as Identified", () => {
    const outcome = preset.transform({ type: "identify", messageId: "m2", traits: { email: "a@b.c" } }, SETTINGS);
    expect(outcome.outcome).toBe("send");
  });

  it("drops events it does not handle, saying which and by whom", () => {
    expect(preset.transform({ type: "track", event: "Page Viewed", messageId: "m3" }, SETTINGS)).toEqual({
      messageId: "m3",
      outcome: "drop",
      reason: 'event "Page Viewed" is not handled by acme/leads',
    });
    expect(preset.transform({ type: "page", messageId: "m4" }, SETTINGS)).toEqual({
      messageId: "m4",
      outcome: "drop",
      reason: "page calls are not handled by acme/leads",
    });
  });

  it("turns a structurally broken event into invalid_event naming the field", () => {
    expect(
      errorOf(preset.transform({ type: "track", event: "Lead Generated", messageId: "m5", traits: "x" }, SETTINGS)),
    ).toEqual({
      code: "invalid_event",
      message: 'event m5: field "traits" must be an object, got string',
    });
    expect(errorOf(preset.transform("not json", SETTINGS)).code).toBe("invalid_event");
  });

  it("passes a missing_required error from build through unchanged", () => {
    expect(preset.transform(lead({ first_name: "Jane" }, "m6"), SETTINGS)).toEqual({
      messageId: "m6",
      outcome: "error",
      code: "missing_required",
      message: "traits.email is required: it is the upsert key",
    });
  });

  it("reports a body that breaks the request schema as invalid_request naming the field", () => {
    const wrongType = errorOf(preset.transform(lead({ email: "a@b.c", phone: 447700900123 }, "m7"), SETTINGS));
    expect(wrongType.code).toBe("invalid_request");
    expect(wrongType.message).toBe(
      'event m7: the request body breaks the request schema of acme/leads: field "phone" must be a string, got number',
    );
    const missing = errorOf(preset.transform(lead({ skip_email: true, tag: 5 }, "m8"), SETTINGS));
    expect(missing.message).toContain('missing required field "email_address"');
    expect(missing.message).toContain('field "tags[0]" must be a string, got number');
  });

  it("turns a build that throws into an internal error naming the event, with secrets hidden", () => {
    const outcome = preset.transform(lead({ email: "a@b.c", crash: true }, "m9"), SETTINGS);
    expect(errorOf(outcome)).toEqual({
      code: "internal",
      message: "event m9: acme/leads failed: boom near [redacted]",
    });
    expect(outcome.messageId).toBe("m9");
  });

  it("turns a build that returns nothing into an internal error", () => {
    expect(errorOf(preset.transform(lead({ nothing: true }, "m10"), SETTINGS)).code).toBe("internal");
  });

  it("sends without checking when the module declares no request schema", () => {
    const loose = createPreset({ ...MODULE, requestSchema: undefined });
    expect(loose.transform(lead({ email: "a@b.c", phone: 1 }), SETTINGS).outcome).toBe("send");
  });

  it("also reads draft-07 schemas", () => {
    const draft7 = createPreset({
      ...MODULE,
      requestSchema: { ...SCHEMA, $schema: "http://json-schema.org/draft-07/schema#" },
    });
    expect(errorOf(draft7.transform(lead({ email: "a@b.c", phone: 1 }), SETTINGS)).code).toBe("invalid_request");
  });

  it("refuses, when it is created, a request schema that does not compile", () => {
    expect(() => createPreset({ ...MODULE, requestSchema: { type: "no-such-type" } })).toThrow(
      /the request schema of acme\/leads does not compile/,
    );
  });

  it("never builds a request without its required settings: transform checks them itself", () => {
    for (const settings of [{}, { api_key: 42 }, { api_key: "sk-test-0123456789", api_kye: "typo" }, undefined]) {
      const outcome = preset.transform(lead({ email: "jane@example.com" }), settings as unknown as Settings);
      expect(errorOf(outcome).code).toBe("invalid_settings");
      expect(errorOf(outcome).message).toMatch(/^event m1: the settings of acme\/leads are not usable: /);
    }
    expect(errorOf(preset.transform(lead({ email: "jane@example.com" }), {})).message).toContain('"api_key"');
    expect(preset.transform(lead({ email: "jane@example.com" }), SETTINGS).outcome).toBe("send");
  });

  it("validates settings with the integration's environment variables", () => {
    expect(preset.validateSettings({}, { ACME_API_KEY: "sk-env-value" })).toEqual({
      ok: true,
      settings: { api_key: "sk-env-value" },
    });
    expect(preset.validateSettings({})).toEqual({
      ok: false,
      problems: ['missing required setting "api_key" (in the settings or the environment variable ACME_API_KEY)'],
    });
  });
});
