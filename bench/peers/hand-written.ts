// The floor: CONTRACT section 3 written directly in TypeScript, the way a careful engineer would without any engine.

import type { Outcome } from "../../runtime/outcome.js";
import {
  missingEmail,
  PHONE_WARNING,
  read,
  routeEvent,
  scalarText,
  sendUpsert,
  text,
  type BenchSettings,
  type Json,
} from "./envelope.js";
import { normaliseEventPhone } from "./phone.js";

export function transformLeadCaptureByHand(event: unknown, settings: BenchSettings): Outcome {
  const routed = routeEvent(event);
  if (routed.kind === "decided") return routed.outcome;
  const { event: raw, name, messageId } = routed;
  const context = raw.context;
  const top = raw.traits;
  const nested = read(context, "traits");
  // A top-level trait wins when it has a value (CONTRACT section 1), read without allocating a merged object.
  const trait = (key: string): unknown => read(top, key) ?? read(nested, key);

  const email = text(trait("email"))?.toLowerCase();
  if (email === undefined) return missingEmail(messageId);
  const body: Json = { upsert_key: "email_address", email_address: email };
  const warnings: string[] = [];
  setIfPresent(body, "first_name", text(trait("first_name")));
  setIfPresent(body, "last_name", text(trait("last_name")));
  setIfPresent(body, "title", text(trait("title")));
  setIfPresent(body, "person_company_name", text(trait("company")));
  const phone = normaliseEventPhone(
    trait("phone"),
    read(context, "locale"),
    trait("country"),
    settings.default_phone_region,
  );
  if (phone.kind === "e164") body.phone = phone.number;
  if (phone.kind === "failed") warnings.push(PHONE_WARNING);
  body.do_not_contact = read(read(context, "consent"), "marketing") !== "granted";

  const properties = raw.properties;
  const leadSource = name === "Lead Generated" ? text(read(properties, "lead_source")) : undefined;
  if (leadSource !== undefined) body.tags = [leadSource];
  const customFields: Json = {};
  if (name === "Signed Up") setIfPresent(customFields, "signup_method", text(read(properties, "method")));
  const campaign = read(context, "campaign");
  setIfPresent(customFields, "utm_source", scalarText(read(campaign, "source")));
  setIfPresent(customFields, "utm_medium", scalarText(read(campaign, "medium")));
  setIfPresent(customFields, "utm_campaign", scalarText(read(campaign, "name")));
  setIfPresent(customFields, "signal_landing_page", scalarText(read(context, "landing_page")));
  for (const _ in customFields) {
    body.custom_fields = customFields;
    break;
  }
  return sendUpsert(messageId, body, warnings, settings);
}

function setIfPresent(target: Json, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}
