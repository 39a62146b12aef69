// The hand-written floor as a PresetModule, so it runs inside the same createPreset harness as the compiled preset
// (event validation, normalisation, request-schema check): the difference left is generated versus written code.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPreset, type Preset } from "../../runtime/preset.js";
import type { BuildResult, PresetModule } from "../../runtime/preset-module.js";
import type { NormalizedEvent, Settings } from "../../runtime/values.js";
import { REPO_ROOT } from "../paths.js";
import { MISSING_EMAIL, PHONE_WARNING, SALESLOFT_UPSERT_URL, scalarText, type Json } from "./envelope.js";
import { normaliseEventPhone } from "./phone.js";

const hasOwn = Object.prototype.hasOwnProperty;

function read(object: unknown, key: string): unknown {
  if (typeof object !== "object" || object === null || Array.isArray(object) || !hasOwn.call(object, key))
    return undefined;
  const value = (object as Json)[key];
  return value === null || value === "" ? undefined : value;
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** CONTRACT section 3 on an event the harness has already validated, named and merged. */
function buildUpsert(event: NormalizedEvent, settings: Settings): BuildResult {
  const { traits, context, properties } = event;
  const email = text(read(traits, "email"))?.toLowerCase();
  if (email === undefined) return { kind: "error", code: "missing_required", message: MISSING_EMAIL };
  const body: Json = { upsert_key: "email_address", email_address: email };
  const warnings: string[] = [];
  const firstName = text(read(traits, "first_name"));
  if (firstName !== undefined) body.first_name = firstName;
  const lastName = text(read(traits, "last_name"));
  if (lastName !== undefined) body.last_name = lastName;
  const title = text(read(traits, "title"));
  if (title !== undefined) body.title = title;
  const company = text(read(traits, "company"));
  if (company !== undefined) body.person_company_name = company;
  const phone = normaliseEventPhone(
    read(traits, "phone"),
    read(context, "locale"),
    read(traits, "country"),
    settings.default_phone_region,
  );
  if (phone.kind === "e164") body.phone = phone.number;
  if (phone.kind === "failed") warnings.push(PHONE_WARNING);
  body.do_not_contact = read(read(context, "consent"), "marketing") !== "granted";
  const leadSource = event.event === "Lead Generated" ? text(read(properties, "lead_source")) : undefined;
  if (leadSource !== undefined) body.tags = [leadSource];
  const customFields = campaignFields(event);
  if (customFields !== undefined) body.custom_fields = customFields;
  const headers = { Authorization: `Bearer ${String(settings.api_key)}`, "Content-Type": "application/json" };
  const request = { method: "POST", url: SALESLOFT_UPSERT_URL, headers, body };
  return { kind: "request", request, warnings, send: 0, orderKey: email };
}

function campaignFields(event: NormalizedEvent): Json | undefined {
  const fields: Json = {};
  let any = false;
  const set = (key: string, value: unknown) => {
    if (value === undefined) return;
    fields[key] = value;
    any = true;
  };
  if (event.event === "Signed Up") set("signup_method", text(read(event.properties, "method")));
  const campaign = read(event.context, "campaign");
  set("utm_source", scalarText(read(campaign, "source")));
  set("utm_medium", scalarText(read(campaign, "medium")));
  set("utm_campaign", scalarText(read(campaign, "name")));
  set("signal_landing_page", scalarText(read(event.context, "landing_page")));
  return any ? fields : undefined;
}

/** The same declarations the .map file makes, with the same request schema. */
export function handWrittenModule(): PresetModule {
  const schemaPath = join(REPO_ROOT, "presets", "salesloft", "person-upsert.request.schema.json");
  const requestSchema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
  return {
    source: "bench/peers/hand-written-module.ts",
    integration: { name: "salesloft", title: "Salesloft" },
    preset: { name: "lead_capture", title: "Lead Capture" },
    settings: [
      { name: "api_key", type: "secret", required: true, secret: true },
      { name: "default_phone_region", type: "region", required: false, secret: false },
    ],
    events: ["Lead Generated", "Signed Up", "Identified"],
    calls: [],
    allEvents: false,
    usesClock: false,
    requestSchema,
    secretHeaders: ["Authorization"],
    sends: [{ method: "POST", origin: "https://api.salesloft.com", urlTemplate: SALESLOFT_UPSERT_URL, requestSchema }],
    build: buildUpsert,
  };
}

export function createHandWrittenPreset(): Preset {
  return createPreset(handWrittenModule());
}
