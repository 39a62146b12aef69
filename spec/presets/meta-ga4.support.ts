// Helpers the Meta and GA4 property tests share: reading events safely and finding personal data in clear text.

import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { createHash } from "node:crypto";

type Fields = Record<string, unknown>;

/** An own property of a plain object, else undefined: never an inherited key, never a list's. */
export function own(value: unknown, key: string): unknown {
  return typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Fields)[key]
    : undefined;
}

/** A trait as the preset sees it after normalisation: the top-level one when `traits` has the key, else context's. */
export function trait(event: unknown, key: string): unknown {
  const top = own(event, "traits");
  if (typeof top === "object" && top !== null && Object.prototype.hasOwnProperty.call(top, key)) return own(top, key);
  return own(own(own(event, "context"), "traits"), key);
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

const REGIONS: CountryCode[] = ["GB", "US", "DE", "FR", "AU", "IN"];

/**
 * The forms in which an email or phone would be recognisable in clear, lower-cased: the trimmed email (when it has
 * an "@"); the phone's digits (7 or more) and its E.164 form read in a few regions, with and without "+".
 */
export function identifierForms(email: unknown, phone: unknown): string[] {
  const forms = new Set<string>();
  if (typeof email === "string" && email.includes("@")) forms.add(email.trim().toLowerCase());
  if (typeof phone === "string") {
    const digits = phone.replace(/\D/g, "");
    if (digits.length >= 7) forms.add(digits);
    for (const region of REGIONS) {
      const number = parsePhoneNumberFromString(phone, region)?.number;
      if (number !== undefined && number.length >= 8) forms.add(number).add(number.slice(1));
    }
  }
  return [...forms];
}

/** Every text and number in a body, lower-cased, except SHA-256 digests (a digest is not clear text). */
export function clearTextLeaves(value: unknown): string[] {
  if (typeof value === "string") return /^[a-f0-9]{64}$/.test(value) ? [] : [value.toLowerCase()];
  if (typeof value === "number") return [String(value)];
  if (Array.isArray(value)) return value.flatMap(clearTextLeaves);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(clearTextLeaves);
  return [];
}
