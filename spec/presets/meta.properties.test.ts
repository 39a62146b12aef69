// Property tests of the Meta Conversions API preset: the generic suite, plus Meta's own rules (FACTS.md).

import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Outcome, SendOutcome } from "../../runtime/outcome.js";
import { anyEvent, asJson, canonicalEvent, noisyEmail, phoneText, withOwnKey } from "../support/arbitraries.js";
import { presetLoader, presetProperties, propertyParameters } from "../support/preset-properties.js";
import { clearTextLeaves, identifierForms, own, sha256Hex, trait } from "./meta-ga4.support.js";

const PRESET = join(import.meta.dirname, "..", "..", "presets", "meta", "conversions.map");
const SETTINGS = { pixel_id: "1234567890", access_token: "test-token-not-secret", default_phone_region: "GB" };
const HANDLED = ["Lead Generated", "Signed Up", "Order Completed", "Checkout Started", "Product Added"];
const CONSENT_REASON = "no marketing consent: Meta receives nothing without it";
const HASHED = ["em", "ph", "fn", "ln", "external_id"];
const HEX64 = /^[a-f0-9]{64}$/;

type Fields = Record<string, unknown>;

const userAgent = fc.constantFrom(
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
);
const product = fc.record(
  {
    product_id: fc.oneof(fc.constantFrom("sku-1", "sku-2"), fc.integer({ min: 1, max: 999 })),
    sku: fc.constantFrom("S-1", "S-2"),
    price: fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constantFrom("19.99", "n/a")),
    quantity: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom("2", "2.5", "x")),
    name: fc.constantFrom("Lamp", "  Bulb  ", ""),
  },
  { requiredKeys: [] },
);
const commerce = fc.record(
  {
    total: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom("129.50", "ten")),
    revenue: fc.constantFrom(75.25, "80"),
    value: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom("19.99", "n/a")),
    // Only three-letter codes: the language cannot test a currency's shape (see the preset), so a malformed one is an
    // invalid_request error by design, and this suite keeps to the ones the preset can pass on.
    currency: fc.constantFrom("EUR", "gbp", " usd "),
    order_id: fc.oneof(fc.constant("ord-1"), fc.integer({ min: 1, max: 1e6 })),
    products: fc.array(fc.oneof(product, fc.constant("junk")), { maxLength: 4 }),
    fbp: fc.constant("fb.1.1596403881668.1116446470"),
    fbc: fc.constant("fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890"),
  },
  { requiredKeys: [] },
);

/** Handled events with the fields Meta needs most of the time, and consent granted most of the time. */
const conversions = fc
  .record({
    base: canonicalEvent,
    name: fc.constantFrom(...HANDLED),
    email: fc.option(noisyEmail),
    phone: fc.option(phoneText),
    marketing: fc.oneof({ weight: 4, arbitrary: fc.constant("granted") }, fc.constantFrom("denied", "GRANTED", 1)),
    userAgent: fc.option(userAgent, { freq: 8 }),
    ip: fc.option(fc.oneof(fc.ipV4(), fc.ipV6()), { freq: 4 }),
    url: fc.option(fc.webUrl(), { freq: 8 }),
    properties: commerce,
    time: fc.date({
      min: new Date("2020-01-01T00:00:00Z"),
      max: new Date("2030-01-01T00:00:00Z"),
      noInvalidDate: true,
    }),
  })
  .map((drawn) => {
    const event = asJson(drawn.base) as Fields;
    Object.assign(event, { type: "track", event: drawn.name, timestamp: drawn.time.toISOString() });
    event.properties = drawn.properties;
    const traits = (typeof event.traits === "object" && event.traits !== null ? event.traits : {}) as Fields;
    if (drawn.email !== null) withOwnKey(traits, "email", drawn.email);
    if (drawn.phone !== null) withOwnKey(traits, "phone", drawn.phone);
    event.traits = traits;
    const context: Fields = { consent: { marketing: drawn.marketing } };
    if (drawn.userAgent !== null) context.userAgent = drawn.userAgent;
    if (drawn.ip !== null) context.ip = drawn.ip;
    if (drawn.url !== null) context.page = { url: drawn.url };
    event.context = context;
    return event;
  });
const events = fc.oneof({ weight: 3, arbitrary: conversions }, { weight: 1, arbitrary: anyEvent });

presetProperties(PRESET, { settings: SETTINGS, events });

const load = presetLoader(PRESET, SETTINGS);
async function forAllOutcomes(property: (event: unknown, outcome: Outcome) => void): Promise<void> {
  const { preset, settings } = await load();
  fc.assert(
    fc.property(events, (event) => property(event, preset.transform(event, settings))),
    propertyParameters(),
  );
}
function serverEvents(outcome: Outcome): Fields[] {
  return outcome.outcome === "send" ? (((outcome as SendOutcome).request.body as Fields).data as Fields[]) : [];
}

describe("Meta Conversions API properties", () => {
  it('sends only with marketing consent exactly "granted", and drops everything else with the reason', () =>
    forAllOutcomes((event, outcome) => {
      const marketing = own(own(own(event, "context"), "consent"), "marketing");
      if (outcome.outcome === "send") expect(marketing).toBe("granted");
      // Only a track call carries an event name (a page call with an `event` field is no lead); a type of only spaces
      // falls back to track when there is an event name, as the normaliser reads it.
      const type = typeof own(event, "type") === "string" ? (own(event, "type") as string).trim().toLowerCase() : "";
      const isTrack = type === "track" || (type === "" && typeof own(event, "event") === "string");
      if (
        outcome.outcome === "drop" &&
        marketing !== "granted" &&
        isTrack &&
        HANDLED.includes(own(event, "event") as string)
      )
        expect(outcome.reason).toBe(CONSENT_REASON);
      if (marketing !== "granted") expect(outcome.outcome).not.toBe("send");
    }));

  it("never puts the visitor's email or phone in clear anywhere in the body", () =>
    forAllOutcomes((event, outcome) => {
      if (outcome.outcome !== "send") return;
      const forms = [
        ...identifierForms(trait(event, "email"), trait(event, "phone")),
        ...identifierForms(own(own(event, "traits"), "email"), own(own(event, "traits"), "phone")),
      ];
      for (const leaf of clearTextLeaves(outcome.request.body)) {
        for (const form of forms) expect(leaf.includes(form), `body text holds ${form}`).toBe(false);
      }
    }));

  it("hashes every identifier as 64 lowercase hex, the email as Meta specifies (trimmed, lower-cased)", () =>
    forAllOutcomes((event, outcome) => {
      for (const item of serverEvents(outcome)) {
        const user = item.user_data as Fields;
        for (const key of HASHED) {
          if (user[key] === undefined) continue;
          expect(Array.isArray(user[key])).toBe(true);
          for (const hash of user[key] as unknown[]) expect(hash).toMatch(HEX64);
        }
        const email = trait(event, "email");
        if (typeof email === "string" && email.trim() !== "")
          expect(user.em).toEqual([sha256Hex(email.trim().toLowerCase())]);
        else expect(user.em).toBeUndefined();
      }
    }));

  it("puts one event in data per request and declares Meta's batch limit of 1,000 on data", async () => {
    const { preset } = await load();
    const sends = (preset.meta as unknown as { sends: { batch?: unknown }[] }).sends;
    expect(sends.length).toBeGreaterThan(0);
    for (const send of sends) expect(send.batch).toEqual({ path: ["data"], maxItems: 1000 });
    await forAllOutcomes((_event, outcome) => {
      if (outcome.outcome === "send") expect(serverEvents(outcome)).toHaveLength(1);
    });
  });

  it("sets event_time to the event's own time in whole unix seconds, never another time", () =>
    // Meta refuses event_time more than 7 days before the request is sent (FACTS "event_time"). The send time is
    // delivery's: what a transform can guarantee is that event_time is exactly the event's time, so an event
    // delivered within 7 days of happening is accepted.
    forAllOutcomes((event, outcome) => {
      for (const item of serverEvents(outcome)) {
        const timestamp = own(event, "timestamp");
        if (typeof timestamp === "string") expect(item.event_time).toBe(Math.floor(Date.parse(timestamp) / 1000));
        expect(Number.isInteger(item.event_time) && (item.event_time as number) >= 0).toBe(true);
      }
    }));

  it("posts to the pixel's events edge with the token as the access_token query parameter", () =>
    forAllOutcomes((event, outcome) => {
      if (outcome.outcome !== "send") return;
      expect(outcome.request.method).toBe("POST");
      expect(outcome.request.url).toBe(
        `https://graph.facebook.com/v25.0/1234567890/events?access_token=${SETTINGS.access_token}`,
      );
      for (const item of serverEvents(outcome)) {
        expect(item.action_source).toBe("website");
        const id = own(event, "messageId");
        expect(item.event_id).toBe(
          typeof id === "number" || (typeof id === "string" && id !== "") ? String(id) : undefined,
        );
      }
    }));
});
