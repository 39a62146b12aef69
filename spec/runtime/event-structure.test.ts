// The event fast paths against what they stand in for: the structure check and its messages against ajv on the
// canonical schema, the merge of only the traits a preset reads against the whole merge, and routing before the
// merge against after it.

import fc from "fast-check";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { CANONICAL_EVENT_SCHEMA } from "../../runtime/event/canonical-event-schema.js";
import { EventRefusal, normalizeEvent, readEvent, withTraits } from "../../runtime/event/normalize.js";
import { structureSound, validateEvent } from "../../runtime/event/validate.js";
import { describeSchemaErrors } from "../../runtime/schema-problems.js";

const ajvVerdict = new Ajv({ allErrors: true, strict: false }).compile(CANONICAL_EVENT_SCHEMA);
const TOP_FIELDS = ["type", "event", "messageId", "anonymousId", "userId", "properties", "traits", "context"];
const KEYS = ["email", "phone", "first_name", "__proto__", "constructor", "x"];

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(""),
  fc.string({ maxLength: 8 }),
  fc.double(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
);

const events = fc.dictionary(fc.constantFrom(...TOP_FIELDS, "timestamp", "sentAt"), anyValue, { maxKeys: 9 });

/** Traits and context.traits with overlapping keys and blank values, parsed from JSON as the pipeline gets them. */
const traitPairs = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constant(null), fc.constant(""), fc.string({ maxLength: 4 }))),
    fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constant(null), fc.constant(""), fc.string({ maxLength: 4 }))),
  )
  .map(([traits, contextTraits]) =>
    JSON.parse(JSON.stringify({ type: "identify", messageId: "m1", traits, context: { traits: contextTraits } })),
  );

describe("event fast paths", () => {
  it("the structure check gives ajv's verdict on the canonical schema", () => {
    fc.assert(
      fc.property(events, (event) => {
        expect(structureSound(event)).toBe(ajvVerdict(event));
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it("names every broken field as ajv's errors on the canonical schema are described, in the schema's order", () => {
    fc.assert(
      fc.property(events, (event) => {
        const expected = ajvVerdict(event) ? [] : describeSchemaErrors(ajvVerdict.errors ?? [], event, "event");
        expect(validateEvent(event)).toEqual(expected);
      }),
      { numRuns: 2000, seed: 16 },
    );
    const inherited = Object.create({ traits: "inherited" }) as Record<string, unknown>;
    expect(validateEvent(inherited)).toEqual(
      describeSchemaErrors((ajvVerdict(inherited), ajvVerdict.errors ?? []), inherited, "event"),
    );
  });

  it("names a broken field through ajv's message, as before", () => {
    const result = normalizeEvent({ messageId: "m1", type: "track", event: "x", traits: "nope" });
    expect(result).toEqual({
      ok: false,
      messageId: "m1",
      message: 'event m1: field "traits" must be an object, got string',
    });
  });

  it("merging only the traits a preset reads gives each of them the value of the whole merge", () => {
    fc.assert(
      fc.property(traitPairs, fc.subarray(KEYS), (event, keys) => {
        const whole = normalizeEvent(event);
        const some = normalizeEvent(event, keys);
        if (!whole.ok || !some.ok) throw new Error("the event is valid");
        for (const key of keys) {
          const has = Object.prototype.hasOwnProperty;
          expect(has.call(some.event.traits, key), key).toBe(has.call(whole.event.traits, key));
          expect(some.event.traits[key], key).toBe(whole.event.traits[key]);
        }
      }),
      { numRuns: 1000, seed: 16 },
    );
  });

  it("routing before the merge keeps every event normalizeEvent keeps, and gives a turned-away one its call", () => {
    // Keeps about half the calls, by the length of their name.
    const filter = (event: { event: string | undefined; type: string }) => (event.event ?? event.type).length % 2 === 0;
    const call = ({
      type,
      event,
      messageId,
    }: {
      type: string;
      event: string | undefined;
      messageId: string | null;
    }) => ({
      type,
      event,
      messageId,
    });
    fc.assert(
      fc.property(events, fc.subarray(KEYS), (event, keys) => {
        const plain = normalizeEvent(event, keys);
        const read = readEvent(event);
        if (!plain.ok) {
          expect(read).toEqual(new EventRefusal(plain.messageId, plain.message));
          return;
        }
        if (read instanceof EventRefusal) throw new Error(`refused a valid event: ${read.message}`);
        // Routing reads only the call, and the unmerged event gives the same call as the merged one.
        expect(call(read)).toEqual(call(plain.event));
        if (filter(read)) expect(withTraits(read, keys)).toEqual(plain.event);
      }),
      { numRuns: 2000, seed: 16 },
    );
  });
});
