// The property harness itself: each generic property must catch a preset that breaks it, and pass a sound one.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../runtime/outcome.js";
import { createPreset, type Preset } from "../../runtime/preset.js";
import { anyEvent, prototypeKeyEvent, unusualText } from "./arbitraries.js";
import { blankPaths, GENERIC_PROPERTIES, type LoadedPreset } from "./preset-properties.js";
import { expectedMessageId, normalisedCallType, routedEventName } from "./normalised-event.js";
import { tinyPresetModule } from "./tiny-preset-module.js";

const SETTINGS = { api_key: "test-key-not-secret" };
const sound: LoadedPreset = { preset: createPreset(tinyPresetModule), settings: SETTINGS };
const LEAD = { type: "track", event: "Lead Generated", messageId: "m1", traits: { email: "a@b.c" } };
const sent = (body: unknown): Outcome => ({
  messageId: "m1",
  outcome: "send",
  request: { method: "POST", url: "https://x.test", headers: { Authorization: "Bearer test-key-not-secret" }, body },
  warnings: [],
});

/** The sound preset with its transform replaced. */
function broken(transform: Preset["transform"]): LoadedPreset {
  return { preset: { ...sound.preset, transform }, settings: SETTINGS };
}

function property(name: string) {
  const found = GENERIC_PROPERTIES.find((p) => p.name.startsWith(name));
  if (found === undefined) throw new Error(`no property ${name}`);
  return (loaded: LoadedPreset, event: unknown = LEAD) => found.make(loaded, { settings: SETTINGS })(event);
}

describe("generic preset properties", () => {
  it("hold for a sound preset on every kind of event", () => {
    for (const generic of GENERIC_PROPERTIES) {
      fc.assert(fc.property(anyEvent, generic.make(sound, { settings: SETTINGS })), { seed: 42, numRuns: 50 });
    }
  });

  it("catch a transform that throws or forgets the messageId", () => {
    expect(() =>
      property("never throws")(
        broken(() => {
          throw new Error("boom");
        }),
      ),
    ).toThrow("boom");
    expect(() => property("never throws")(broken(() => ({ messageId: null, outcome: "drop", reason: "x" })))).toThrow();
  });

  it("catch an invalid_request or internal error", () => {
    const failing = broken(() => ({ messageId: "m1", outcome: "error", code: "invalid_request", message: "bad body" }));
    expect(() => property("gives no error")(failing)).toThrow();
  });

  it("catch a body that breaks the request schema or holds blank values", () => {
    expect(() =>
      property("sends only bodies")(broken(() => sent({ email_address: "a@b.c", do_not_contact: "yes" }))),
    ).toThrow(/request schema/);
    expect(() => property("sends only bodies")(broken(() => sent({ email_address: "" })))).toThrow();
    expect(() => property("sends only bodies")(broken(() => sent({ email_address: "a@b.c" })))).not.toThrow();
  });

  it("catch a transform that is not deterministic or changes the event", () => {
    let calls = 0;
    expect(() =>
      property("gives the same outcome")(broken(() => sent({ email_address: `a${calls++}@b.c` }))),
    ).toThrow();
    const mutating = broken((event) => {
      (event as Record<string, unknown>).seen = true;
      return sent({ email_address: "a@b.c" });
    });
    expect(() => property("gives the same outcome")(mutating, { ...LEAD })).toThrow();
  });

  it("catch a transform that pollutes Object.prototype", () => {
    const polluting = broken(() => {
      (Object.prototype as Record<string, unknown>).polluted = "yes";
      return sent({ email_address: "a@b.c" });
    });
    try {
      expect(() => property("lets no input")(polluting)).toThrow();
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it("catch a secret shown in a printed outcome", () => {
    const leaking = broken(() => ({ messageId: "m1", outcome: "drop", reason: "key test-key-not-secret" }));
    expect(() => property("never shows a secret")(leaking)).toThrow();
    expect(() => property("never shows a secret")(broken(() => sent({ email_address: "a@b.c" })))).not.toThrow();
  });
});

describe("helpers", () => {
  it("blankPaths names every null, undefined and empty text", () => {
    expect(blankPaths({ a: "", b: { c: null, d: "x" }, t: [undefined, "y"], n: 0, f: false })).toEqual([
      "a",
      "b.c",
      "t[0]",
    ]);
  });

  it("expectedMessageId reads the messageId as the normaliser does: text, a number as its text, else null", () => {
    expect(expectedMessageId({ messageId: "m1" })).toBe("m1");
    expect(expectedMessageId({ messageId: 42 })).toBe("42");
    expect(expectedMessageId({ messageId: "" })).toBeNull();
    expect(expectedMessageId({ messageId: true })).toBeNull();
    expect(expectedMessageId("not an event")).toBeNull();
  });

  it("normalisedCallType and routedEventName read the call as the normaliser does", () => {
    expect(normalisedCallType({ type: " Track " })).toBe("track");
    expect(normalisedCallType({ type: " ", event: "Signed Up" })).toBe("track");
    expect(normalisedCallType({ type: " " })).toBeUndefined();
    expect(routedEventName({ type: " ", event: "Signed Up" })).toBe("Signed Up");
    expect(routedEventName({ type: "Identify" })).toBe("Identified");
    expect(routedEventName({ type: "page", event: "Signed Up" })).toBeUndefined();
  });
});

describe("arbitraries", () => {
  it("plant __proto__ as an own key without changing the prototype", () => {
    const events = fc.sample(prototypeKeyEvent, { seed: 1, numRuns: 60 });
    const owners = events.filter((e) => JSON.stringify(e).includes('"__proto__"'));
    expect(owners.length).toBeGreaterThan(0);
    for (const event of events) expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  });

  it("draw lone surrogates and very long strings", () => {
    const texts = fc.sample(unusualText, { seed: 1, numRuns: 300 });
    expect(texts.some((t) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t))).toBe(
      true,
    );
    expect(texts.some((t) => t.length >= 1_000)).toBe(true);
  });
});
