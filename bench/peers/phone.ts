// Phone normalisation shared by every peer: the same libphonenumber-js call as the runtime's `e164`, so the
// benchmark times the engines, not different phone rules.

import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** The region subtag of a BCP-47 locale ("en-GB" -> "GB"); undefined when the locale has none or is not one. */
export function localeRegion(locale: unknown): string | undefined {
  if (typeof locale !== "string" || locale === "") return undefined;
  try {
    return new Intl.Locale(locale).region;
  } catch {
    return undefined;
  }
}

/** CONTRACT section 3: region of context.locale, else traits.country, else settings.default_phone_region. */
export function phoneRegion(locale: unknown, country: unknown, defaultRegion: unknown): string | undefined {
  const fromLocale = localeRegion(locale);
  if (fromLocale !== undefined) return fromLocale;
  if (typeof country === "string" && country !== "") return country;
  if (typeof defaultRegion === "string" && defaultRegion !== "") return defaultRegion;
  return undefined;
}

/** The outcome of normalising one phone value: absent input, a number in E.164, or a value that is not a phone. */
export type PhoneResult = { readonly kind: "absent" } | { readonly kind: "e164"; readonly number: string } | { readonly kind: "failed" };

const ABSENT: PhoneResult = { kind: "absent" };
const FAILED: PhoneResult = { kind: "failed" };

/** Kept when libphonenumber-js parses it and its length is possible for its country (isPossible, not isValid). */
export function normalisePhone(value: unknown, region: string | undefined): PhoneResult {
  if (typeof value !== "string" || value.trim() === "") return ABSENT;
  const parsed = parsePhoneNumberFromString(value, region as CountryCode | undefined);
  if (parsed === undefined || !parsed.isPossible()) return FAILED;
  return { kind: "e164", number: parsed.number };
}
