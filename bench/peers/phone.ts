// Phone normalisation shared by every peer: the runtime's own `e164` and `region` (one libphonenumber-js call, the
// "max" metadata), so the benchmark times the engines, not different phone rules.

import { e164, region, region_code } from "../../runtime/stdlib/phone.js";
import { Failure } from "../../runtime/values.js";

/** The ISO region of a BCP-47 locale ("en-GB" -> "GB"); undefined when it names none. */
export const localeRegion: (locale: unknown) => string | undefined = region;

/** Not absent, null or "": a value a preset would read. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** traits.country when it is an ISO alpha-2 code (any case); a name such as "Germany" gives no region. */
export const countryRegion: (country: unknown) => string | undefined = region_code;

/**
 * CONTRACT section 3: region of context.locale, else traits.country (alpha-2), else settings.default_phone_region —
 * the first present one, as the preset's `coalesce(region(…), region_code(…), …)` picks it.
 */
export function phoneRegion(locale: unknown, country: unknown, defaultRegion: unknown): unknown {
  const fromLocale = region(locale);
  if (fromLocale !== undefined) return fromLocale;
  const fromCountry = region_code(country);
  if (fromCountry !== undefined) return fromCountry;
  return isPresent(defaultRegion) ? defaultRegion : undefined;
}

/** The outcome of normalising one phone value: absent input, a number in E.164, or a value that is not a phone. */
export type PhoneResult =
  { readonly kind: "absent" } | { readonly kind: "e164"; readonly number: string } | { readonly kind: "failed" };

export const ABSENT_PHONE: PhoneResult = { kind: "absent" };
const FAILED: PhoneResult = { kind: "failed" };

/** Kept when libphonenumber-js parses it and its length is possible for its country (isPossible, not isValid). */
export function normalisePhone(value: unknown, phoneRegionCode: unknown): PhoneResult {
  const result = e164(value, phoneRegionCode);
  if (result === undefined) return ABSENT_PHONE;
  return result instanceof Failure ? FAILED : { kind: "e164", number: result };
}

/**
 * The phone of CONTRACT section 3. The region is worked out only when there is a phone: parsing a locale costs more
 * than the rest of the mapping, and a careful implementation does not pay it for the many events without one.
 */
export function normaliseEventPhone(
  phone: unknown,
  locale: unknown,
  country: unknown,
  defaultRegion: unknown,
): PhoneResult {
  if (!isPresent(phone)) return ABSENT_PHONE;
  return normalisePhone(phone, phoneRegion(locale, country, defaultRegion));
}
