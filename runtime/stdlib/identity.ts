// Identity hashing for ad platforms: hash_email, hash_phone, normalize_name and digits, with the vendors' examples.

// Sources (read 2026-12; the rules as published, quoted in the docs text):
// - Meta Conversions API, "Customer Information Parameters"
//   (developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters):
//   em "Trim any leading and trailing spaces. Convert all characters to lowercase." (John_Smith@gmail.com);
//   ph "Remove symbols, letters, and any leading zeros" and include the country code ((650)555-1212 -> 16505551212);
//   fn/ln "Lowercase only with no punctuation. If using special characters, the text must be encoded in UTF-8"
//   (Mary -> mary, Valéry -> valéry, 정 kept). Each comes with its expected SHA-256, used below as examples.
// - GA4 Measurement Protocol, "Send user-provided data with User-ID"
//   (developers.google.com/analytics/devguides/collection/ga4/uid-data): trim, lower-case; phone in E.164 *with*
//   its "+" before hashing; first/last name "remove digits and symbol characters"; remove the dots before the domain
//   of gmail.com and googlemail.com addresses. Google publishes no expected hash, so no Google vector is quoted.
import { sha256Hex } from "./hash.js";
import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { textArg, textResult } from "./values.js";

/** SHA-256 hex of the trimmed, lower-cased email; absent when nothing is left after trimming. */
export function hash_email(email: unknown): string | undefined {
  const normalized = textResult(textArg(email)?.trim().toLowerCase());
  return normalized === undefined ? undefined : sha256Hex(normalized);
}

/** E.164 allows 15 digits at most; under 8 (country code included) is no subscriber number (see e164). */
const PHONE_DIGITS = /^\d{8,15}$/;

/** SHA-256 hex of the digits of an E.164 number, without its "+" (Meta's `ph` form). */
export function hash_phone(phone: unknown): string | undefined {
  const number = digits(phone);
  return number !== undefined && PHONE_DIGITS.test(number) ? sha256Hex(number) : undefined;
}

/** The ASCII digits 0-9 of the text, in order; absent when there are none. */
export function digits(text: unknown): string | undefined {
  return textResult(textArg(text)?.replace(/[^0-9]/g, ""));
}

/**
 * Letters and their combining marks of any script, lower-cased, in Unicode NFC (so a decomposed "é" hashes like
 * Meta's "valéry" example); white space, punctuation, symbols and digits are removed. Meta's own PHP SDK keeps only
 * a-z; the Conversions API page keeps accented and Hangul letters, and that page is followed here.
 */
export function normalize_name(name: unknown): string | undefined {
  return textResult(
    textArg(name)
      ?.toLowerCase()
      .normalize("NFC")
      .replace(/[^\p{L}\p{M}]/gu, ""),
  );
}

const META_EMAIL = "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f";

export const IDENTITY_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "hash_email",
    params: [{ name: "email", type: "string" }],
    returns: "string",
    sha256Hex: true,
    fallible: false,
    doc:
      "The lower-case hex SHA-256 of the email trimmed and lower-cased — the rule for `em` on Meta's Conversions API " +
      'page Customer Information Parameters ("Trim any leading ' +
      "and trailing spaces. Convert all characters to lowercase.\"), with Meta's published example. Absent when " +
      "nothing is left after trimming. The address is not checked otherwise, and GA4's extra rule for gmail.com and " +
      "googlemail.com (remove the dots before the domain) is not applied.",
    examples: [
      { args: ["John_Smith@gmail.com"], result: gives(META_EMAIL), note: "Meta's example" },
      { args: ["  JOHN_SMITH@GMAIL.COM "], result: gives(META_EMAIL), note: "trimmed and lower-cased first" },
      { args: ["   "], result: ABSENT, note: "nothing left" },
      { args: [undefined], result: ABSENT },
      { args: [["john@example.com"]], result: ABSENT, note: "a list is not text" },
    ],
    impl: hash_email,
  },
  {
    name: "hash_phone",
    params: [{ name: "phone", type: "string" }],
    returns: "string",
    sha256Hex: true,
    fallible: false,
    doc:
      "The lower-case hex SHA-256 of the digits of a phone number already in E.164 (`+` and any other non-digit " +
      "removed) — Meta's `ph` form, with Meta's published example. Absent when fewer than 8 or more than 15 digits " +
      "remain. Normalise with `e164` first: a national number (leading 0, no country code) hashes to nothing a " +
      'platform can match. GA4 hashes the number with its "+": there write `sha256(e164(phone, region) ?? omit)`.',
    examples: [
      {
        args: ["+16505551212"],
        result: gives("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176"),
        note: "Meta's example, (650)555-1212 in the US",
      },
      {
        args: ["+1 (650) 555-1212"],
        result: gives("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176"),
        note: "non-digits removed",
      },
      { args: ["+4412345"], result: ABSENT, note: "7 digits: too short" },
      { args: ["+1234567890123456"], result: ABSENT, note: "16 digits: too long" },
      { args: [undefined], result: ABSENT },
      { args: [16505551212], result: ABSENT, note: "a number is not text: use e164 first" },
    ],
    impl: hash_phone,
  },
  {
    name: "digits",
    params: [{ name: "text", type: "string" }],
    returns: "string",
    fallible: false,
    doc:
      "The ASCII digits 0–9 of the text, in order, everything else removed. Absent when there are none. Digits of " +
      "other scripts are removed too (`e164` reads them).",
    examples: [
      { args: ["+44 (0)20 7946-0958"], result: gives("4402079460958") },
      { args: ["SW1A 2AA"], result: gives("12"), note: "letters removed" },
      { args: ["n/a"], result: ABSENT, note: "no digits" },
      { args: [undefined], result: ABSENT },
      { args: [2079460958], result: ABSENT, note: "a number is not text: use to_string" },
    ],
    impl: digits,
  },
  {
    name: "normalize_name",
    params: [{ name: "name", type: "string" }],
    returns: "string",
    fallible: false,
    doc:
      'A first or last name ready to hash for Meta (`fn`, `ln`: "Lowercase only with no punctuation") and GA4 ' +
      '(Measurement Protocol user-provided data, `sha256_first_name`: "remove digits and symbol characters", lower ' +
      "case, trimmed): letters of any script " +
      "and their accents are kept, lower-cased and in Unicode NFC; white space, punctuation, symbols and digits are " +
      "removed. Absent when no letter is left. Hash it with `sha256`; the examples are Meta's.",
    examples: [
      { args: ["Mary"], result: gives("mary"), note: "Meta: sha256 6915771b…" },
      { args: ["Valéry"], result: gives("valéry"), note: "Meta: sha256 08e1996b…" },
      { args: ["정"], result: gives("정"), note: "Meta: sha256 8fa8cd9c…" },
      { args: [" O'Brien-Smith Jr. "], result: gives("obriensmithjr") },
      { args: ["123 !"], result: ABSENT, note: "no letter" },
      { args: [undefined], result: ABSENT },
      { args: [7], result: ABSENT, note: "not text" },
    ],
    impl: normalize_name,
  },
];
