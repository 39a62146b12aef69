// Event validation and normalisation: every rejection names its field, merges follow the contract, no pollution.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CANONICAL_EVENT_SCHEMA } from "../../runtime/event/canonical-event-schema.js";
import { normalizeEvent } from "../../runtime/event/normalize.js";
import { validateEvent } from "../../runtime/event/validate.js";
import type { NormalizedEvent } from "../../runtime/values.js";

function normalized(input: unknown): NormalizedEvent {
  const result = normalizeEvent(input);
  if (!result.ok) throw new Error(`expected a valid event, got: ${result.message}`);
  return result.event;
}

function rejection(input: unknown): { messageId: string | null; message: string } {
  const result = normalizeEvent(input);
  if (result.ok) throw new Error("expected the event to be rejected");
  return result;
}

describe("the canonical event schema module", () => {
  it("is the same schema as runtime/event/canonical-event.schema.json", () => {
    const file = JSON.parse(
      readFileSync(new URL("../../runtime/event/canonical-event.schema.json", import.meta.url), "utf8"),
    );
    expect(CANONICAL_EVENT_SCHEMA).toEqual(file);
  });
});

describe("invalid events", () => {
  it.each([[null], [[]], ["track"], [42], [true]])("rejects %j as not a JSON object", (input) => {
    expect(rejection(input)).toEqual({ ok: false, messageId: null, message: "event is not a JSON object" });
  });

  it.each([
    ["traits", "jane", 'event m1: field "traits" must be an object, got string'],
    ["properties", ["a"], 'event m1: field "properties" must be an object, got list'],
    ["context", 7, 'event m1: field "context" must be an object, got number'],
    ["type", 1, 'event m1: field "type" must be a string, got number'],
    ["event", true, 'event m1: field "event" must be a string, got boolean'],
  ])("names the field when %s is the wrong type", (fieldName, value, message) => {
    const input = { type: "track", event: "Lead Generated", messageId: "m1", [fieldName]: value };
    expect(rejection(input)).toEqual({ ok: false, messageId: "m1", message });
  });

  it("reports every broken field at once", () => {
    const { message } = rejection({ messageId: "m2", type: "track", event: "x", traits: 1, properties: "p" });
    expect(message).toContain('field "traits" must be an object, got number');
    expect(message).toContain('field "properties" must be an object, got string');
  });

  it("rejects only the structure CONTRACT section 1 names: odd ids and timestamps still land", () => {
    const event = normalized({ messageId: 9, type: "track", event: "x", userId: 42, timestamp: 1700000000000 });
    expect(event.messageId).toBe("9");
    expect(rejection({ messageId: { id: 1 }, type: "track", event: "x", traits: "t" })).toEqual({
      ok: false,
      messageId: null,
      message:
        'event without messageId: field "messageId" must be a string or a number, got object; field "traits" must be an object, got string',
    });
  });

  it("reads the call type in any case", () => {
    expect(normalized({ type: "Track", event: "Signed Up" }).type).toBe("track");
    expect(normalized({ type: " IDENTIFY " }).event).toBe("Identified");
  });

  it("needs a type unless an event name makes it a track call", () => {
    expect(rejection({ messageId: "m3" }).message).toBe('event m3: field "type" is missing and there is no "event"');
    expect(normalized({ event: "Signed Up" }).type).toBe("track");
  });

  it("validateEvent lists the same problems and nothing for a sound event", () => {
    expect(validateEvent({ type: "track", traits: "x" })).toEqual(['field "traits" must be an object, got string']);
    expect(validateEvent({ type: "track", event: "x", traits: {}, context: { locale: 5 } })).toEqual([]);
  });
});

describe("normalisation", () => {
  it("names an identify call Identified", () => {
    const event = normalized({ type: "identify", messageId: "m1", traits: { email: "a@b.c" } });
    expect(event.event).toBe("Identified");
    expect(event.type).toBe("identify");
  });

  it("keeps a track call's name and its properties, and echoes the messageId", () => {
    const input = { type: "track", event: "Lead Generated", messageId: "m1", properties: { lead_source: "web" } };
    const event = normalized(input);
    expect(event).toMatchObject({ event: "Lead Generated", messageId: "m1", properties: { lead_source: "web" } });
    expect(event.raw).toBe(input);
  });

  it("reads null traits, properties, context and ids as absent", () => {
    const event = normalized({
      type: "page",
      messageId: "m1",
      traits: null,
      properties: null,
      context: null,
      userId: null,
    });
    expect(event.event).toBeUndefined();
    expect({ ...event.traits }).toEqual({});
    expect({ ...event.properties }).toEqual({});
    expect({ ...event.context }).toEqual({});
  });

  it("merges context.traits into traits, top-level traits winning when they have a value", () => {
    const event = normalized({
      type: "track",
      event: "Lead Generated",
      traits: { email: "top@example.com", phone: null, title: "" },
      context: { traits: { email: "ctx@example.com", phone: "07700 900123", title: "CTO", company: "Acme" } },
    });
    expect({ ...event.traits }).toEqual({
      email: "top@example.com",
      phone: "07700 900123",
      title: "CTO",
      company: "Acme",
    });
  });

  it("does not merge a context.traits that is not an object", () => {
    const event = normalized({ type: "track", event: "x", traits: { email: "a@b.c" }, context: { traits: "junk" } });
    expect({ ...event.traits }).toEqual({ email: "a@b.c" });
  });

  it("never touches Object.prototype, whatever keys the event carries", () => {
    const input = JSON.parse(
      '{"__proto__": {"type": "identify"}, "type": "track", "event": "x", "constructor": {"prototype": {"bad": 1}},' +
        '"traits": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}},' +
        '"context": {"traits": {"__proto__": {"polluted": true}, "toString": "x"}}}',
    );
    const event = normalized(input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(event.type).toBe("track");
    // the event's "__proto__" key is data: it never becomes the merged object's prototype
    expect([Object.prototype, null]).toContain(Object.getPrototypeOf(event.traits));
    expect(Object.prototype.hasOwnProperty.call(event.traits, "__proto__")).toBe(true);
    expect(event.traits.toString).toBe("x");
  });

  it("never throws, whatever JSON arrives", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (input) => {
        const result = normalizeEvent(input);
        expect(result.ok || typeof result.message === "string").toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("events built in code", () => {
  it("gives an invalid event, not an exception, when reading a field throws", () => {
    const hostile = {
      type: "track",
      get event(): string {
        throw new Error("no");
      },
    };
    expect(normalizeEvent(hostile)).toEqual({
      ok: false,
      messageId: null,
      message: "event could not be read as JSON data",
    });
  });
});
