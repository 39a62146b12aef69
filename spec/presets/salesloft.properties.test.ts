// Property tests of the Salesloft Lead Capture preset: the generic suite, plus the rules of CONTRACT section 3.

import fc from "fast-check";
import { leadEvents } from "../support/lead-events.js";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Outcome, SendOutcome } from "../../runtime/outcome.js";
import { presetLoader, presetProperties, propertyParameters } from "../support/preset-properties.js";
import { routedEventName } from "../support/normalised-event.js";

const PRESET = join(import.meta.dirname, "..", "..", "presets", "salesloft", "lead-capture.map");
const SETTINGS = { api_key: "test-key-not-secret", default_phone_region: "GB" };
const HANDLED = new Set(["Lead Generated", "Signed Up", "Identified"]);
const PHONE_WARNING = "traits.phone could not be normalised to E.164 and was left out";

presetProperties(PRESET, { settings: SETTINGS });

type Body = Record<string, unknown>;
type Fields = Record<string, unknown>;

const own = (value: unknown, key: string): unknown =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Fields)[key]
    : undefined;

const ownsKey = (value: unknown, key: string): boolean =>
  typeof value === "object" && value !== null && Object.prototype.hasOwnProperty.call(value, key);

/** The event name the preset routes on, read as the normaliser reads it (" Track ", a blank type with a name). */
const routedName = routedEventName;

/** The email the body must hold, when the input leaves no doubt: a usable top-level one, else one only in context. */
function expectedEmail(event: unknown): string | undefined {
  const top = own(event, "traits");
  const usable = (value: unknown) =>
    typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : undefined;
  if (ownsKey(top, "email")) return usable(own(top, "email"));
  return usable(own(own(own(event, "context"), "traits"), "email"));
}

const events = leadEvents(["Lead Generated", "Signed Up", "Identified"]);

const load = presetLoader(PRESET, SETTINGS);
async function forAllOutcomes(property: (event: unknown, outcome: Outcome) => void): Promise<void> {
  const { preset, settings } = await load();
  fc.assert(
    fc.property(events, (event) => property(event, preset.transform(event, settings))),
    propertyParameters(),
  );
}
function bodyOf(outcome: Outcome): Body | undefined {
  return outcome.outcome === "send" ? ((outcome as SendOutcome).request.body as Body) : undefined;
}

describe("Salesloft Lead Capture properties", () => {
  it("sends email_address trimmed and lower-cased, the normalised traits.email, as the upsert key", () =>
    forAllOutcomes((event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      const email = body.email_address as string;
      expect(typeof email).toBe("string");
      expect(email).toBe(email.trim().toLowerCase());
      expect(email.trim().toLowerCase().trim().toLowerCase()).toBe(email);
      expect(body.upsert_key).toBe("email_address");
      const expected = expectedEmail(event);
      if (expected !== undefined) expect(email).toBe(expected);
    }));

  it("sends only for Lead Generated, Signed Up and Identified, and never drops those", () =>
    forAllOutcomes((event, outcome) => {
      const name = routedName(event);
      const routed = `the normaliser routes this event as ${JSON.stringify(name) ?? "no name"}`;
      if (outcome.outcome === "send") expect(HANDLED.has(name as string), `sent, but ${routed}`).toBe(true);
      if (outcome.outcome === "drop") expect(HANDLED.has(name as string), `dropped, but ${routed}`).toBe(false);
    }));

  it('sends do_not_contact false only when context.consent.marketing is exactly "granted"', () =>
    forAllOutcomes((event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      const marketing = own(own(own(event, "context"), "consent"), "marketing");
      expect(body.do_not_contact).toBe(marketing !== "granted");
    }));

  it("sends a phone only in E.164 and possible for its country; a number it cannot use is left out with a warning", () =>
    forAllOutcomes((event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      if (body.phone !== undefined) {
        expect(body.phone).toMatch(/^\+[1-9]\d{7,14}$/);
        const parsed = parsePhoneNumberFromString(body.phone as string);
        expect(parsed?.isPossible()).toBe(true);
        expect(parsed?.number).toBe(body.phone);
      }
      const written = ownsKey(own(event, "traits"), "phone")
        ? own(own(event, "traits"), "phone")
        : own(own(own(event, "context"), "traits"), "phone");
      const warned = (outcome as SendOutcome).warnings.includes(PHONE_WARNING);
      if (typeof written === "string" && /\d/.test(written) && body.phone === undefined) expect(warned).toBe(true);
      if (body.phone !== undefined) expect(warned).toBe(false);
    }));

  it("adds tags only to Lead Generated and signup_method only to Signed Up", () =>
    forAllOutcomes((event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      if (body.tags !== undefined) expect(routedName(event)).toBe("Lead Generated");
      if (own(body.custom_fields, "signup_method") !== undefined) expect(routedName(event)).toBe("Signed Up");
    }));

  it("posts to the person upsert endpoint with the key as a Bearer token", () =>
    forAllOutcomes((_event, outcome) => {
      if (outcome.outcome !== "send") return;
      expect(outcome.request.method).toBe("POST");
      expect(outcome.request.url).toBe("https://api.salesloft.com/v2/person_upserts");
      expect(outcome.request.headers.Authorization).toBe(`Bearer ${SETTINGS.api_key}`);
    }));
});
