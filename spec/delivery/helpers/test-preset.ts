// A small hand-written Salesloft-like preset module, so delivery is tested without depending on the compiler.

import { createPreset, type Preset } from "../../../runtime/preset.js";
import type { BuildResult, PresetModule } from "../../../runtime/preset-module.js";
import type { NormalizedEvent, Settings } from "../../../runtime/values.js";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function build(event: NormalizedEvent, settings: Settings): BuildResult {
  const email = text(event.traits["email"])?.toLowerCase();
  if (!email) return { kind: "error", code: "missing_required", message: "traits.email is required" };
  const campaign = (event.context["campaign"] ?? {}) as Record<string, unknown>;
  const customFields = Object.fromEntries(
    Object.entries({
      utm_source: text(campaign["source"]),
      utm_campaign: text(campaign["name"]),
      signal_landing_page: text(event.context["landing_page"]),
    }).filter(([, value]) => value !== undefined),
  );
  const body = Object.fromEntries(
    Object.entries({
      upsert_key: "email_address",
      email_address: email,
      first_name: text(event.traits["first_name"]),
      title: text(event.traits["title"]),
      custom_fields: Object.keys(customFields).length > 0 ? customFields : undefined,
    }).filter(([, value]) => value !== undefined),
  );
  const headers = { Authorization: `Bearer ${String(settings["api_key"])}`, "Content-Type": "application/json" };
  return {
    kind: "request",
    request: { method: "POST", url: "https://api.salesloft.com/v2/person_upserts", headers, body },
    warnings: [],
  };
}

export const testPresetModule: PresetModule = {
  source: "spec/delivery/helpers/test-preset.ts",
  integration: { name: "salesloft" },
  preset: { name: "lead_capture" },
  settings: [{ name: "api_key", type: "secret", required: true, secret: true }],
  events: ["Lead Generated", "Signed Up", "Identified"],
  secretHeaders: ["Authorization"],
  build,
};

export function testPreset(): Preset {
  return createPreset(testPresetModule);
}

let counter = 0;

/** A Lead Generated event as one JSON line. */
export function leadLine(
  email: string,
  extra: { title?: string; landing?: string; source?: string; id?: string } = {},
): string {
  counter += 1;
  return JSON.stringify({
    type: "track",
    event: "Lead Generated",
    messageId: extra.id ?? `m${counter}`,
    traits: { email, first_name: "Jane", ...(extra.title ? { title: extra.title } : {}) },
    context: {
      ...(extra.source ? { campaign: { source: extra.source } } : {}),
      ...(extra.landing ? { landing_page: extra.landing } : {}),
    },
  });
}
