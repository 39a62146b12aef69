// Phone and locale functions: e164 (fallible) and region.

// The "max" metadata set: every country's possible lengths are the same in "min" and "max", but only "max" has the
// full number patterns that tell apart the countries sharing a calling code (GB/GG/JE/IM on +44, the +1 countries),
// and isPossible() checks the length table of the country it picked. Size does not matter on a server.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "./phone-library.js";
import { isoRegion } from "../region.js";
import { Failure } from "../values.js";
import { ABSENT, FAILS, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";

/**
 * The number in E.164 when libphonenumber-js parses it and its length is possible for its country. isPossible(), not
 * isValid(): isValid() also checks number ranges, rejects fictional ranges the seed itself uses (07700 900123) and
 * goes stale as ranges are allocated. Failure reasons never quote the number: outcomes are logged.
 */
export function e164(phone: unknown, region?: unknown): string | Failure | undefined {
  const text = phoneText(phone);
  if (text === undefined) return undefined;
  const country = phoneRegion(region);
  // Under five digits there is no E.164 number to find (it needs eight, country code included). Saying so here
  // spares the library an exception per bad number, which costs more than parsing a good one.
  if (digitCount(text) < 5) return new Failure("not a phone number");
  const parsed = parseLeniently(text, country);
  if (parsed === undefined) {
    const international = text.startsWith("+") || text.startsWith("00");
    return new Failure(
      international || country !== undefined ? "not a phone number" : "a national number needs a region",
    );
  }
  if (!parsed.isPossible()) return new Failure("the number's length is not possible for its country");
  return E164_SHAPE.test(parsed.number) ? parsed.number : new Failure("the number is too short or too long for E.164");
}

/**
 * E.164 allows at most 15 digits; fewer than 8 (country code included) is never a subscriber number a sales team can
 * call, although libphonenumber-js calls some such lengths possible (German "12345" would become +4912345).
 */
const E164_SHAPE = /^\+[1-9]\d{7,14}$/;

/** Decimal digits of any script (the library also reads Arabic-Indic and full-width digits), counted up to `enough`. */
function digitCount(text: string, enough = 5): number {
  let count = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const digit = (code >= 48 && code <= 57) || (code > 127 && DIGIT.test(char));
    if (digit && ++count >= enough) return count;
  }
  return count;
}

const DIGIT = /^\p{Nd}$/u;

/** Text, or an integer number read as its digits; blank text is absent (there is no number to normalise). */
function phoneText(phone: unknown): string | undefined {
  const text = typeof phone === "number" && Number.isSafeInteger(phone) ? String(phone) : phone;
  if (typeof text !== "string") return undefined;
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** An ISO region libphonenumber-js knows, in any case; anything else is ignored rather than failing the call. */
function phoneRegion(region: unknown): CountryCode | undefined {
  const code = isoRegion(region);
  return code !== undefined && isSupportedCountry(code) ? code : undefined;
}

// extract: false so that "call 07700 900123 after 5" is not a phone number; the library can throw on odd input in
// some versions, and a stdlib function must not.
function parseLeniently(text: string, country: CountryCode | undefined) {
  try {
    return parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
  } catch {
    return undefined;
  }
}

/** The region subtag of a BCP-47 locale when it is an ISO alpha-2 code: "en-GB" gives "GB"; "de" and "es-419" none. */
export function region(locale: unknown): string | undefined {
  if (typeof locale !== "string") return undefined;
  // A site's visitors come in a few dozen locales, and parsing one with Intl.Locale costs more than the whole rest of
  // a preset, so answers are remembered; the cache is bounded, so odd input cannot grow it without end.
  const known = REGION_OF_LOCALE.get(locale);
  if (known !== undefined || REGION_OF_LOCALE.has(locale)) return known;
  const answer = parseRegion(locale);
  if (REGION_OF_LOCALE.size >= REGION_CACHE_LIMIT) REGION_OF_LOCALE.clear();
  REGION_OF_LOCALE.set(locale, answer);
  return answer;
}

const REGION_CACHE_LIMIT = 1_000;
const REGION_OF_LOCALE = new Map<string, string | undefined>();

/** An ISO 3166-1 alpha-2 code written as one ("gb", " DE "), upper-cased; anything else, "Germany" or "GBR", absent. */
export function region_code(value: unknown): string | undefined {
  return isoRegion(value);
}

function parseRegion(locale: string): string | undefined {
  if (locale.trim() === "") return undefined;
  try {
    // Browsers and operating systems also report "en_GB"; BCP-47 spells it "en-GB".
    return isoRegion(new Intl.Locale(locale.trim().replaceAll("_", "-")).region);
  } catch {
    return undefined;
  }
}

export const PHONE_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "e164",
    params: [
      { name: "phone", type: "string" },
      { name: "region", type: "string", optional: true },
    ],
    returns: "string",
    fallible: true,
    absentWithoutFirst: true,
    doc:
      "The phone number in E.164 form. A national number is read in `region` (ISO 3166-1 alpha-2, any case; an " +
      "unknown region is ignored); an international `+...` number needs none. Kept when its length is possible for " +
      "its country (libphonenumber-js `isPossible()`, not `isValid()`); fails otherwise, and for a national number " +
      "with no usable region. Integer numbers are read as their digits; blank text is absent.",
    examples: [
      { args: ["07700 900123", "GB"], result: gives("+447700900123") },
      { args: ["+1 (202) 555-0123"], result: gives("+12025550123"), note: "international needs no region" },
      { args: ["07700 900123", "gb"], result: gives("+447700900123"), note: "region in any case" },
      { args: ["07700 900123"], result: FAILS, note: "national number, no region" },
      { args: ["07700 900123", "UK"], result: FAILS, note: "UK is not an ISO code, so there is no region" },
      { args: ["12345", "GB"], result: FAILS, note: "too short for GB" },
      { args: ["12345", "DE"], result: FAILS, note: "possible in Germany, but +4912345 has under 8 digits" },
      { args: ["٠٧٧٠٠ ٩٠٠١٢٣", "GB"], result: gives("+447700900123"), note: "digits of any script" },
      { args: [undefined, "GB"], result: ABSENT },
      { args: [{ number: "07700 900123" }, "GB"], result: ABSENT, note: "not text" },
    ],
    impl: e164,
  },
  {
    name: "region",
    params: [{ name: "locale", type: "string" }],
    returns: "string",
    fallible: false,
    doc:
      "The ISO 3166-1 alpha-2 region of a BCP-47 locale. Absent when the locale names no region, names a numeric " +
      "one such as `419` (Latin America), or is not a locale.",
    examples: [
      { args: ["en-GB"], result: gives("GB") },
      { args: ["zh-Hant-TW"], result: gives("TW") },
      { args: ["en_gb"], result: gives("GB"), note: "underscore and case are forgiven" },
      { args: ["de"], result: ABSENT, note: "no region" },
      { args: ["es-419"], result: ABSENT, note: "a numeric region is not alpha-2" },
      { args: ["not a locale!"], result: ABSENT },
      { args: [undefined], result: ABSENT },
      { args: [44], result: ABSENT, note: "not text" },
    ],
    impl: region,
  },
  {
    name: "region_code",
    params: [{ name: "code", type: "string" }],
    returns: "string",
    fallible: false,
    doc:
      "The value as an ISO 3166-1 alpha-2 region code, upper-cased, when it is one; absent for anything else, so a " +
      "country written out in full does not stand in the way of a fallback in `coalesce`.",
    examples: [
      { args: ["gb"], result: gives("GB") },
      { args: [" DE "], result: gives("DE"), note: "white space is forgiven" },
      { args: ["Germany"], result: ABSENT, note: "a name, not a code" },
      { args: ["GBR"], result: ABSENT, note: "alpha-3 is not alpha-2" },
      { args: ["UK"], result: ABSENT, note: "not an ISO code" },
      { args: [undefined], result: ABSENT },
      { args: [49], result: ABSENT, note: "not text" },
    ],
    impl: region_code,
  },
];
