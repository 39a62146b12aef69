// A preset that names every trait it reads gets each with trait(event, NAME), and the runtime merges nothing: each
// read must give what the merged traits would, for any event, and a preset reading `traits` whole still gets them
// merged.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { own, trait } from "../../runtime/access.js";
import { EventRefusal, normalizeEvent, readEvent } from "../../runtime/event/normalize.js";
import { loadPresetSource } from "../../loader/load-preset.js";

const KEYS = ["email", "phone", "country", "__proto__", "constructor", "toString"];

/** Trait objects as JSON gives them: shared keys, blank values, `__proto__` as data. */
const traitObject = fc
  .dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(null, "", "x@example.com", 0), fc.jsonValue()))
  .map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
const maybe = <T>(value: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), fc.constant(null), value);

describe("trait", () => {
  it("reads what the merged traits hold, for any placement of a trait at the top and in context.traits", () => {
    const events = fc
      .record({ traits: maybe(traitObject), context: maybe(fc.record({ traits: maybe(traitObject) })) })
      .map((parts) => JSON.parse(JSON.stringify({ type: "track", event: "Lead Generated", ...parts })) as unknown);
    fc.assert(
      fc.property(events, fc.constantFrom(...KEYS), (input, key) => {
        const read = readEvent(input);
        const merged = normalizeEvent(input);
        if (read instanceof EventRefusal || !merged.ok) throw new Error("the event is valid");
        expect(trait(read, key)).toEqual(own(merged.event.traits, key));
        expect(trait(read, key)).toEqual(own(mergedInto(input, key), key));
      }),
      { numRuns: 500 },
    );
  });

  it("prefers a top-level value and falls back to context.traits for a blank one", () => {
    const read = readEvent({
      type: "identify",
      traits: { email: "", phone: "+44 20 7946 0000" },
      context: { traits: { email: "jane@example.com", phone: "+1 650 555 1212" } },
    });
    if (read instanceof EventRefusal) throw new Error("the event is valid");
    expect(trait(read, "email")).toBe("jane@example.com");
    expect(trait(read, "phone")).toBe("+44 20 7946 0000");
    expect(trait(read, "toString")).toBeUndefined();
  });
});

/** The traits as the runtime merges them for a module that names `key` as the one trait it reads. */
function mergedInto(input: unknown, key: string): Readonly<Record<string, unknown>> {
  const result = normalizeEvent(input, [key]);
  if (!result.ok) throw new Error("the event is valid");
  return result.event.traits;
}

describe("a compiled preset", () => {
  const event = {
    type: "identify",
    messageId: "m1",
    traits: { email: null, title: "CTO" },
    context: { traits: { email: "jane@example.com", company: "Acme" } },
  };

  it("reads each named trait from the top level or context.traits, and says the runtime need not merge", async () => {
    const preset = await loadPresetSource(BY_NAME, "people.map");
    expect(preset.meta.traitsByKey).toBe(true);
    expect(preset.transform(event, {})).toMatchObject({
      outcome: "send",
      request: { body: { email: "jane@example.com", title: "CTO", company: "Acme" } },
    });
  });

  it("still merges for a preset that reads traits whole", async () => {
    const preset = await loadPresetSource(WHOLE, "people.map");
    expect(preset.meta.traitsByKey).toBeUndefined();
    expect(preset.transform(event, {})).toMatchObject({
      outcome: "send",
      request: { body: { profile: { email: "jane@example.com", title: "CTO", company: "Acme" } } },
    });
  });
});

const HEADER = `integration people "People"
preset upsert "Upsert"
  on identify
  send POST "https://api.example.com/people"
`;
const BY_NAME = `${HEADER}  email <- traits.email
  title <- traits.title
  company <- traits.company
`;
const WHOLE = `${HEADER}  profile <- traits
`;
