// Property tests of the GA4 Measurement Protocol preset: the generic suite, plus GA4's own rules (FACTS.md).

import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Outcome, SendOutcome } from "../../runtime/outcome.js";
import { anyEvent, asJson, canonicalEvent, noisyEmail, phoneText, withOwnKey } from "../support/arbitraries.js";
import { presetLoader, presetProperties, propertyParameters } from "../support/preset-properties.js";
import { clearTextLeaves, identifierForms, own, trait } from "./meta-ga4.support.js";

const PRESET = join(import.meta.dirname, "..", "..", "presets", "ga4", "events.map");
const SETTINGS = { measurement_id: "G-TEST12345", api_secret: "test-secret-not-secret" };
const RECOMMENDED = ["Lead Generated", "Signed Up", "Identified", "Order Completed"];
const CUSTOM = ["Product Viewed", "Session Start", "404", "Éclair Bought", "a".repeat(60), "user engagement"];
// FACTS "Reserved names": GA4 refuses these as event names (the last three are app-only, so refused on the web).
const RESERVED = new Set(
  (
    "ad_activeview ad_click ad_exposure ad_query ad_reward adunit_exposure app_clear_data app_exception app_install " +
    "app_remove app_store_refund app_update app_upgrade dynamic_link_app_open dynamic_link_app_update " +
    "dynamic_link_first_open error firebase_campaign firebase_in_app_message_action firebase_in_app_message_dismiss " +
    "firebase_in_app_message_impression first_open first_visit notification_dismiss notification_foreground " +
    "notification_open notification_receive notification_send os_update session_start user_engagement " +
    "ad_impression in_app_purchase screen_view"
  ).split(" "),
);
const CONSENT_REASON = "no analytics consent: Google Analytics receives nothing without it";
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const VALUE_LIMITS: Record<string, number> = { page_location: 1000, page_referrer: 420, page_title: 300 };
const MAX_BODY_BYTES = 130_000;
const ODD_KEYS = [
  "__proto__",
  "constructor",
  "toString",
  "firebase_x",
  "ga_y",
  "Google Z",
  "email",
  "Page Title",
  "_x",
];
// Parameters the preset sets itself; every other one comes from a property.
const OWN_PARAMS = new Set([
  "lead_source",
  "method",
  "transaction_id",
  "value",
  "currency",
  ...Object.keys(VALUE_LIMITS),
]);

type Fields = Record<string, unknown>;

const longText = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: 90, maxLength: 1200 }));
const consentValue = fc.oneof({ weight: 4, arbitrary: fc.constant("granted") }, fc.constantFrom("denied", "yes", true));

/** Handled events, mostly with consent and an anonymousId, with page values around GA4's length limits. */
const collects = fc
  .record({
    base: canonicalEvent,
    name: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...RECOMMENDED) }, fc.constantFrom(...CUSTOM)),
    email: fc.option(noisyEmail),
    phone: fc.option(phoneText),
    analytics: consentValue,
    marketing: fc.option(consentValue),
    anonymousId: fc.option(fc.oneof(fc.uuid(), fc.integer({ min: 1 })), { freq: 8 }),
    userId: fc.option(longText),
    page: fc.record({ url: longText, referrer: longText, title: longText }, { requiredKeys: [] }),
    properties: fc.record(
      {
        lead_source: longText,
        method: longText,
        order_id: fc.oneof(longText, fc.integer()),
        total: fc.oneof(fc.double({ noNaN: true }), fc.constantFrom("12.5", "n/a")),
        value: fc.oneof(fc.integer(), fc.constantFrom("99", "x")),
        currency: fc.oneof(fc.constantFrom("EUR", "usd"), longText),
      },
      { requiredKeys: [] },
    ),
    // Custom properties, sent as params: hostile and reserved names, long names, any JSON value.
    extra: fc.dictionary(
      fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 50 })),
      fc.jsonValue({ maxDepth: 1 }),
      {
        maxKeys: 40,
      },
    ),
    time: fc.date({
      min: new Date("1960-01-01T00:00:00Z"),
      max: new Date("2100-01-01T00:00:00Z"),
      noInvalidDate: true,
    }),
  })
  .map((drawn) => {
    const event = asJson(drawn.base) as Fields;
    if (drawn.name === "Identified") Object.assign(event, { type: "identify", event: undefined });
    else Object.assign(event, { type: "track", event: drawn.name });
    event.timestamp = drawn.time.toISOString();
    event.properties = { ...drawn.extra, ...drawn.properties };
    const traits = (typeof event.traits === "object" && event.traits !== null ? event.traits : {}) as Fields;
    if (drawn.email !== null) withOwnKey(traits, "email", drawn.email);
    if (drawn.phone !== null) withOwnKey(traits, "phone", drawn.phone);
    event.traits = traits;
    for (const [key, value] of [
      ["anonymousId", drawn.anonymousId],
      ["userId", drawn.userId],
    ] as const) {
      if (value === null) delete event[key];
      else event[key] = value;
    }
    const consent: Fields = { analytics: drawn.analytics };
    if (drawn.marketing !== null) consent.marketing = drawn.marketing;
    event.context = { consent, page: drawn.page };
    return JSON.parse(JSON.stringify(event)) as Fields;
  });
const events = fc.oneof({ weight: 3, arbitrary: collects }, { weight: 1, arbitrary: anyEvent });

presetProperties(PRESET, { settings: SETTINGS, events });

const load = presetLoader(PRESET, SETTINGS);
async function forAllOutcomes(property: (event: unknown, outcome: Outcome) => void): Promise<void> {
  const { preset, settings } = await load();
  fc.assert(
    fc.property(events, (event) => property(event, preset.transform(event, settings))),
    propertyParameters(),
  );
}
function bodyOf(outcome: Outcome): Fields | undefined {
  return outcome.outcome === "send" ? ((outcome as SendOutcome).request.body as Fields) : undefined;
}
const consentOf = (event: unknown, kind: string) => own(own(own(event, "context"), "consent"), kind);

describe("GA4 Measurement Protocol properties", () => {
  it('sends only with analytics consent exactly "granted", and drops everything else with the reason', () =>
    forAllOutcomes((event, outcome) => {
      const analytics = consentOf(event, "analytics");
      if (analytics !== "granted") expect(outcome.outcome).not.toBe("send");
      const call = own(event, "type");
      if (outcome.outcome === "drop" && analytics !== "granted" && (call === "track" || call === "identify"))
        expect(outcome.reason).toBe(CONSENT_REASON);
    }));

  it("sends ad_user_data and ad_personalization GRANTED exactly when marketing consent is granted", () =>
    forAllOutcomes((event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      const expected = consentOf(event, "marketing") === "granted" ? "GRANTED" : "DENIED";
      expect(body.consent).toEqual({ ad_user_data: expected, ad_personalization: expected });
    }));

  it("takes client_id from anonymousId, and without one gives an error naming it", () =>
    forAllOutcomes((event, outcome) => {
      const anonymousId = own(event, "anonymousId");
      const body = bodyOf(outcome);
      if (body !== undefined) expect(body.client_id).toBe(String(anonymousId));
      if (outcome.outcome === "error" && outcome.code === "missing_required")
        expect(outcome.message).toContain("anonymousId");
    }));

  it("never puts the visitor's email or phone in clear anywhere in the body", () =>
    forAllOutcomes((event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      const forms = [
        ...identifierForms(trait(event, "email"), trait(event, "phone")),
        ...identifierForms(own(own(event, "traits"), "email"), own(own(event, "traits"), "phone")),
      ];
      for (const leaf of clearTextLeaves(body)) {
        for (const form of forms) expect(leaf.includes(form), `body text holds ${form}`).toBe(false);
      }
    }));

  it("keeps names and parameters within GA4's limits: 25 params, names of 40, values of 100 (page ones their own)", () =>
    forAllOutcomes((_event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      if (typeof body.user_id === "string") expect([...body.user_id].length).toBeLessThanOrEqual(256);
      for (const item of body.events as Fields[]) {
        expect(item.name).toMatch(NAME);
        expect(RESERVED.has(item.name as string)).toBe(false);
        const params = (item.params ?? {}) as Fields;
        expect(Object.keys(params).length).toBeLessThanOrEqual(25);
        for (const [name, value] of Object.entries(params)) {
          expect(name).toMatch(NAME);
          if (typeof value === "string")
            expect([...value].length).toBeLessThanOrEqual(Object.hasOwn(VALUE_LIMITS, name) ? VALUE_LIMITS[name] : 100);
          else expect(typeof value === "number" && Number.isFinite(value)).toBe(true);
        }
      }
    }));

  it("sends properties as params only under names GA4 does not reserve, and never text holding an email's @", () =>
    forAllOutcomes((_event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      for (const item of body.events as Fields[]) {
        for (const [name, value] of Object.entries((item.params ?? {}) as Fields)) {
          expect(Object.getPrototypeOf(item.params)).toBe(Object.prototype);
          if (OWN_PARAMS.has(name)) continue;
          expect(name).not.toMatch(/^(firebase_|ga_|google_|_|gtag\.)|^(email|phone)$/);
          if (typeof value === "string") expect(value).not.toContain("@");
        }
      }
    }));

  it("puts one event per request, under 130 kB, and declares GA4's batch of 25 events", async () => {
    const { preset } = await load();
    const sends = (preset.meta as unknown as { sends: { batch?: unknown }[] }).sends;
    expect(sends).toHaveLength(1);
    expect(sends[0].batch).toEqual({ path: ["events"], maxItems: 25, maxBytes: 129_000 });
    await forAllOutcomes((_event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      expect(body.events).toHaveLength(1);
      expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(MAX_BODY_BYTES);
    });
  });

  it("sets timestamp_micros to the event's own time, or leaves it out: never another time", () =>
    // GA4 accepts events backdated up to 72 hours and clamps older ones (FACTS "Timestamps"); the send time is
    // delivery's. What a transform guarantees is that the time it sends is exactly the event's.
    forAllOutcomes((event, outcome) => {
      const body = bodyOf(outcome);
      if (body === undefined) return;
      expect(body.timestamp_micros).toBeUndefined();
      for (const item of body.events as Fields[]) {
        if (item.timestamp_micros === undefined) continue;
        expect(Number.isInteger(item.timestamp_micros) && (item.timestamp_micros as number) >= 0).toBe(true);
        const timestamp = own(event, "timestamp");
        if (typeof timestamp === "string") expect(item.timestamp_micros).toBe(Date.parse(timestamp) * 1000);
      }
    }));

  it("posts to /mp/collect with the measurement id and the secret as query parameters", () =>
    forAllOutcomes((_event, outcome) => {
      if (outcome.outcome !== "send") return;
      expect(outcome.request.method).toBe("POST");
      expect(outcome.request.url).toBe(
        `https://www.google-analytics.com/mp/collect?measurement_id=G-TEST12345&api_secret=${SETTINGS.api_secret}`,
      );
    }));
});
