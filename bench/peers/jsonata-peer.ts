// The Salesloft mapping in JSONata 2: the body is one expression; E.164 and locale regions, which JSONata cannot do,
// are registered as custom functions calling the same libphonenumber-js code as every other contender.

import jsonata from "jsonata";
import type { Outcome } from "../../runtime/outcome.js";
import { missingEmail, routeEvent, sendUpsert, type BenchSettings, type Json } from "./envelope.js";
import { countryRegion, localeRegion, normalisePhone } from "./phone.js";

/** A top-level trait wins only when it has a value, hence the $sift. The region is worked out only when there is a
 * phone, as in every contender. JSONata has no `undefined` literal: a condition without an `else` yields nothing, and a key bound to nothing is left out. */
export const SALESLOFT_JSONATA = `(
  $text := function($v) { $type($v) = "string" and $trim($v) != "" ? $trim($v) };
  $present := function($v) { $type($v) != "null" and ($type($v) != "string" or $v != "") ? $v };
  $scalar := function($v) { $type($v) = "string" ? ($v != "" ? $v) : $type($v) in ["number", "boolean"] ? $string($v) };
  $t := $merge([
    $type(context.traits) = "object" ? context.traits : {},
    $type(traits) = "object" ? $sift(traits, function($v) { $exists($present($v)) }) : {}
  ]);
  $name := type = "identify" ? "Identified" : event;
  $email := $lowercase($text($t.email));
  $phone := $exists($present($t.phone)) ? (
    $fromLocale := $localeRegion(context.locale);
    $country := $countryRegion($t.country);
    $e164($t.phone, $exists($fromLocale) ? $fromLocale : $exists($country) ? $country : $defaultRegion)
  );
  $leadSource := $name = "Lead Generated" ? $text(properties.lead_source);
  $customFields := {
    "signup_method": $name = "Signed Up" ? $text(properties.method),
    "utm_source": $scalar(context.campaign.source),
    "utm_medium": $scalar(context.campaign.medium),
    "utm_campaign": $scalar(context.campaign.name),
    "signal_landing_page": $scalar(context.landing_page)
  };
  $exists($email) ? {
    "body": {
      "upsert_key": "email_address",
      "email_address": $email,
      "first_name": $text($t.first_name),
      "last_name": $text($t.last_name),
      "title": $text($t.title),
      "person_company_name": $text($t.company),
      "phone": $phone.kind = "e164" ? $phone.number,
      "do_not_contact": $not(context.consent.marketing = "granted"),
      "tags": $exists($leadSource) ? [$leadSource],
      "custom_fields": $count($keys($customFields)) > 0 ? $customFields
    },
    "warnings": $phone.kind = "failed" ? ["${"traits.phone could not be normalised to E.164 and was left out"}"] : []
  }
)`;

interface MappedLead {
  readonly body: Json;
  readonly warnings: readonly string[];
}

/** Compiles the expression once; the returned function evaluates it per event (JSONata 2 evaluation is async). */
export function createJsonataTransform(): (event: unknown, settings: BenchSettings) => Promise<Outcome> {
  const expression = jsonata(SALESLOFT_JSONATA);
  expression.registerFunction("localeRegion", (locale: unknown) => localeRegion(locale), "<x?:s?>");
  expression.registerFunction("countryRegion", (country: unknown) => countryRegion(country), "<x?:s?>");
  expression.registerFunction("e164", (value: unknown, region: unknown) => normalisePhone(value, region), "<x?x?:o>");
  return async (event, settings) => {
    const routed = routeEvent(event);
    if (routed.kind === "decided") return routed.outcome;
    const mapped = (await expression.evaluate(routed.event, { defaultRegion: settings.default_phone_region })) as
      MappedLead | undefined;
    if (mapped === undefined) return missingEmail(routed.messageId);
    return sendUpsert(routed.messageId, mapped.body, Array.from(mapped.warnings), settings);
  };
}
