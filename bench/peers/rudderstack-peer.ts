// The Salesloft mapping as a RudderStack json-template-engine template, compiled once to a synchronous JS function;
// E.164, locale regions and text cleaning are bindings, and empty keys are removed afterwards as RudderStack's
// destination code does with removeUndefinedAndNullValues.

import { JsonTemplateEngine, PathType } from "@rudderstack/json-template-engine";
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
import { countryRegion, isPresent, localeRegion, normalisePhone } from "./phone.js";

export const SALESLOFT_TEMPLATE = `
const name = .type === "identify" ? "Identified" : .event;
const email = $.lower($.text($.trait(.traits.email, .context.traits.email)));
const phoneText = $.trait(.traits.phone, .context.traits.phone);
const phone = $.isPresent(phoneText)
  ? $.e164(phoneText, $.localeRegion(.context.locale) ?? $.countryRegion($.trait(.traits.country, .context.traits.country)) ?? $.defaultRegion)
  : { kind: "absent" };
const leadSource = name === "Lead Generated" ? $.text(.properties.lead_source) : undefined;
email ? {
  body: {
    upsert_key: "email_address",
    email_address: email,
    first_name: $.text($.trait(.traits.first_name, .context.traits.first_name)),
    last_name: $.text($.trait(.traits.last_name, .context.traits.last_name)),
    title: $.text($.trait(.traits.title, .context.traits.title)),
    person_company_name: $.text($.trait(.traits.company, .context.traits.company)),
    phone: phone.kind === "e164" ? phone.number : undefined,
    do_not_contact: .context.consent.marketing !== "granted",
    tags: leadSource ? [leadSource] : undefined,
    custom_fields: {
      signup_method: name === "Signed Up" ? $.text(.properties.method) : undefined,
      utm_source: $.toText(.context.campaign.source),
      utm_medium: $.toText(.context.campaign.medium),
      utm_campaign: $.toText(.context.campaign.name),
      signal_landing_page: $.toText(.context.landing_page)
    }
  },
  phoneFailed: phone.kind === "failed"
} : undefined
`;

const staticBindings = {
  text: (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
  lower: (value: unknown) => (typeof value === "string" ? value.toLowerCase() : undefined),
  present: (value: unknown) => (value === null || value === "" ? undefined : value),
  /** A top-level trait wins when it has a value; otherwise the one sent in context.traits. */
  trait: (top: unknown, nested: unknown) => (top === null || top === "" || top === undefined ? nested : top),
  toText: scalarText,
  localeRegion,
  countryRegion,
  isPresent,
  e164: (value: unknown, region: unknown) => normalisePhone(value, region),
};

interface MappedLead {
  readonly body: Json;
  readonly phoneFailed: boolean;
}

/** Simple paths (`a?.b`) rather than the default rich paths: faster, and a list is not silently unwrapped into a value. */
export function createRudderstackTransform(): (event: unknown, settings: BenchSettings) => Outcome {
  const template = JsonTemplateEngine.createAsSync(SALESLOFT_TEMPLATE, { defaultPathType: PathType.SIMPLE });
  return (event, settings) => {
    const routed = routeEvent(event);
    if (routed.kind === "decided") return routed.outcome;
    const bindings = { ...staticBindings, defaultRegion: settings.default_phone_region };
    const mapped = template.evaluate(routed.event, bindings) as MappedLead | undefined;
    if (mapped === undefined) return missingEmail(routed.messageId);
    return sendUpsert(
      routed.messageId,
      removeUndefinedValues(mapped.body),
      mapped.phoneFailed ? [PHONE_WARNING] : [],
      settings,
    );
  };
}

/** Drops undefined and null keys one level down too, and custom_fields once it is empty. */
function removeUndefinedValues(body: Json): Json {
  const cleaned: Json = {};
  for (const key in body) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (key === "custom_fields") {
      const fields = removeUndefinedValues(value as Json);
      if (Object.keys(fields).length > 0) cleaned[key] = fields;
    } else {
      cleaned[key] = value;
    }
  }
  return cleaned;
}
