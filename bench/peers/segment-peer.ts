// The Salesloft mapping as Segment destination actions: one mapping-kit mapping per subscription (the defaults a
// Segment action declares), then the normalisation a Segment destination does by hand in its perform function.

import { createRequire } from "node:module";
import type { Outcome } from "../../runtime/outcome.js";
import {
  missingEmail,
  PHONE_WARNING,
  routeEvent,
  scalarText,
  sendUpsert,
  type BenchSettings,
  type Json,
} from "./envelope.js";
import { normaliseEventPhone } from "./phone.js";

// The package's ESM build imports directories, which Node's ESM loader refuses; its CommonJS build loads fine.
const requireCjs = createRequire(import.meta.url);
const mappingKit = requireCjs("@segment/actions-core/mapping-kit") as {
  transform: (mapping: Json, data: Json) => Json;
};

/** Segment's usual default for a trait: the top-level trait when it is not blank, else the one sent with the track call. */
function traitOrContextTrait(key: string): Json {
  return {
    "@if": {
      blank: { "@path": `$.traits.${key}` },
      then: { "@path": `$.traits.${key}` },
      else: { "@path": `$.context.traits.${key}` },
    },
  };
}

const identifyMapping: Json = {
  email: traitOrContextTrait("email"),
  first_name: traitOrContextTrait("first_name"),
  last_name: traitOrContextTrait("last_name"),
  title: traitOrContextTrait("title"),
  company: traitOrContextTrait("company"),
  phone: traitOrContextTrait("phone"),
  country: traitOrContextTrait("country"),
  locale: { "@path": "$.context.locale" },
  marketing_consent: { "@path": "$.context.consent.marketing" },
  utm_source: { "@path": "$.context.campaign.source" },
  utm_medium: { "@path": "$.context.campaign.medium" },
  utm_campaign: { "@path": "$.context.campaign.name" },
  landing_page: { "@path": "$.context.landing_page" },
};

/** One action subscription per handled event, as a Segment user would configure them. */
export const SEGMENT_MAPPINGS: Readonly<Record<string, Json>> = {
  Identified: identifyMapping,
  "Lead Generated": { ...identifyMapping, lead_source: { "@path": "$.properties.lead_source" } },
  "Signed Up": { ...identifyMapping, signup_method: { "@path": "$.properties.method" } },
};

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function present(value: unknown): unknown {
  return value === null || value === "" ? undefined : value;
}

/** What the destination's perform function does with the mapped payload. */
function perform(payload: Json, settings: BenchSettings): { body: Json; warnings: string[] } | undefined {
  const email = text(payload.email)?.toLowerCase();
  if (email === undefined) return undefined;
  const phone = normaliseEventPhone(
    payload.phone,
    payload.locale,
    present(payload.country),
    settings.default_phone_region,
  );
  const tags = text(payload.lead_source);
  const customFields = dropEmpty({
    signup_method: text(payload.signup_method),
    utm_source: scalarText(payload.utm_source),
    utm_medium: scalarText(payload.utm_medium),
    utm_campaign: scalarText(payload.utm_campaign),
    signal_landing_page: scalarText(payload.landing_page),
  });
  const body = dropEmpty({
    upsert_key: "email_address",
    email_address: email,
    first_name: text(payload.first_name),
    last_name: text(payload.last_name),
    title: text(payload.title),
    person_company_name: text(payload.company),
    phone: phone.kind === "e164" ? phone.number : undefined,
    do_not_contact: payload.marketing_consent !== "granted",
    tags: tags === undefined ? undefined : [tags],
    custom_fields: Object.keys(customFields).length > 0 ? customFields : undefined,
  });
  return { body, warnings: phone.kind === "failed" ? [PHONE_WARNING] : [] };
}

function dropEmpty(object: Json): Json {
  const kept: Json = {};
  for (const key in object) if (object[key] !== undefined) kept[key] = object[key];
  return kept;
}

export function createSegmentTransform(): (event: unknown, settings: BenchSettings) => Outcome {
  return (event, settings) => {
    const routed = routeEvent(event);
    if (routed.kind === "decided") return routed.outcome;
    const payload = mappingKit.transform(SEGMENT_MAPPINGS[routed.name]!, routed.event);
    const mapped = perform(payload, settings);
    if (mapped === undefined) return missingEmail(routed.messageId);
    return sendUpsert(routed.messageId, mapped.body, mapped.warnings, settings);
  };
}
