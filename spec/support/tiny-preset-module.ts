// A small hand-written PresetModule for tests that must not depend on the compiler: upserts an email on one event.

import type { BuildResult, PresetModule } from "../../runtime/preset-module.js";
import type { NormalizedEvent, Settings } from "../../runtime/values.js";

const REQUEST_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["email_address"],
  properties: { email_address: { type: "string" }, do_not_contact: { type: "boolean" } },
};

function build(event: NormalizedEvent, settings: Settings): BuildResult {
  const raw = Object.prototype.hasOwnProperty.call(event.traits, "email") ? event.traits.email : undefined;
  const email = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (email === "") return { kind: "error", code: "missing_required", message: "traits.email is required" };
  const consent = (event.context.consent as Record<string, unknown> | undefined)?.marketing;
  return {
    kind: "request",
    request: {
      method: "POST",
      url: "https://api.example.test/people",
      headers: { Authorization: `Bearer ${String(settings.api_key)}`, "Content-Type": "application/json" },
      body: { email_address: email, do_not_contact: consent !== "granted" },
    },
    warnings: [],
  };
}

export const tinyPresetModule: PresetModule = {
  source: "tiny.map",
  integration: { name: "tiny", title: "Tiny" },
  preset: { name: "upsert", title: "Upsert" },
  settings: [{ name: "api_key", type: "secret", required: true, secret: true, description: "API key" }],
  events: ["Lead Generated"],
  requestSchema: REQUEST_SCHEMA,
  secretHeaders: ["Authorization"],
  build,
};
