// fast-check arbitraries of canonical events: realistic ones with the noise real sites send, and hostile ones.

import fc from "fast-check";

// ---------------------------------------------------------------- hostile building blocks

/** Strings that break naive code: lone surrogates, RTL and bidi controls, emoji with joiners, NUL, very long text. */
export const unusualText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "\uD800",
    "a\uDC00b",
    "\uDBFF\uDFFF",
    "\u202Eevil\u202C",
    "مرحبا بالعالم",
    "שלום",
    "👩‍👩‍👧‍👦",
    "🇬🇧",
    "e\u0301\u0301\u0301",
    "\u0000",
    "a\u0000b",
    "\u200B",
    "\uFEFF",
    "\u00A0",
    "İstanbul",
    "ß",
    "ǅ",
    "__proto__",
    "constructor",
    "toString",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc
    .tuple(fc.constantFrom("x", "é", "😀", " ", "\uD800"), fc.integer({ min: 1_000, max: 20_000 }))
    .map(([unit, n]) => unit.repeat(n)),
);

/** Objects whose own keys are `__proto__`, `constructor` or `prototype`, built by JSON.parse as a real request is. */
export const prototypeKeyObject: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom(
    '{"__proto__": {"polluted": "yes"}}',
    '{"__proto__": {"email": "evil@example.com", "polluted": "yes"}}',
    '{"constructor": {"prototype": {"polluted": "yes"}}}',
    '{"prototype": {"polluted": "yes"}}',
    '{"__proto__": "granted", "constructor": "granted"}',
    '{"email": "jane@example.com", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}',
    '{"marketing": "denied", "__proto__": {"marketing": "granted"}}',
  )
  .map((text) => JSON.parse(text) as Record<string, unknown>);

/** Lists or objects nested hundreds to a thousand levels deep (deeper overflows fast-check's own reporter). */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 100, max: 1_000 }), fc.boolean())
  .map(([depth, lists]) =>
    JSON.parse(lists ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)),
  );

/** Any value a field should not hold: wrong types, hostile strings, prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MIN_VALUE, [], {}, [null], [""], ["granted"], { value: "x" }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  unusualText,
  prototypeKeyObject,
  deeplyNested,
  fc.jsonValue({ maxDepth: 3 }),
);

/** Defines `key` as an own, enumerable property, the way JSON.parse does, even for `__proto__`. */
export function withOwnKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

// ---------------------------------------------------------------- realistic values with real-world noise

const padding = fc.constantFrom("", "", "", " ", "  ", "\t", "\n", " \r\n", "\u00A0");

/** Adds surrounding whitespace the way form fields and copy-paste do. */
export function padded(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(padding, text, padding).map(([before, value, after]) => before + value + after);
}

/** Email addresses with mixed case and surrounding whitespace. */
export const noisyEmail: fc.Arbitrary<string> = padded(
  fc.oneof(
    fc.mixedCase(fc.emailAddress({ size: "small" })),
    fc.constantFrom("Jane.Doe@Example.com", "JANE.DOE@EXAMPLE.COM", "o'brien+leads@Example.co.uk", "Émile@Exemple.fr"),
  ),
);

/** Phone numbers as people type them: national and international, possible and impossible, and junk. */
export const phoneText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "07700 900123",
    "+44 7700 900123",
    "020 7946 0018",
    "00 44 7700 900123",
    "(201) 555-0123",
    "+1 201-555-0123",
    "030 12345678",
    "06 12 34 56 78",
    "098765 43210",
    "0412 345 678",
    "+61 412 345 678",
    "12345",
    "+44 12",
    "+1 201 555 01234",
    "call me",
    "+",
    "++44",
    "tel:+44-7700-900123",
    "+44 7700 900123 ext. 12",
  ),
  fc.stringMatching(/^\+?[0-9 ().-]{0,22}$/),
);

/** BCP-47 locales with and without a region, odd spellings, and junk. */
export const localeText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "en-GB",
    "en-US",
    "de-DE",
    "fr-FR",
    "en-IN",
    "en-AU",
    "de",
    "en",
    "zh-Hant-TW",
    "es-419",
    "en_GB",
    "en-gb",
    "xx-YY",
    "",
    "not a locale",
  ),
  fc.string({ maxLength: 12 }),
);

/** Marketing consent values: the canonical two and everything sites send instead. */
export const consentValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("granted", "denied"),
  fc.constantFrom(
    "GRANTED",
    "Granted",
    " granted",
    "granted ",
    "yes",
    "no",
    "true",
    true,
    false,
    1,
    0,
    null,
    {},
    [],
    ["granted"],
  ),
);

const shortText = fc.oneof(
  fc.constantFrom("Jane", "Doe", "Head of Marketing", "Example Ltd", "  Jane  ", "", "   ", "\t"),
  fc.string({ maxLength: 20 }),
);

/** UTM values as collected: any subset of the five, sometimes blank. */
export const campaign = fc.record(
  { source: shortText, medium: shortText, name: shortText, term: shortText, content: shortText },
  { requiredKeys: [] },
);

/** The three events the Salesloft preset handles, near misses, other events, and arbitrary names. */
export const eventName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("Lead Generated", "Signed Up", "Identified") },
  {
    weight: 2,
    arbitrary: fc.constantFrom("Page Viewed", "Order Completed", "lead generated", "Lead Generated ", "", "Signed up"),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const callType: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("track", "identify") },
  { weight: 2, arbitrary: fc.constantFrom("page", "screen", "group", "alias") },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

/** A value that is usually realistic and sometimes hostile. */
function mostly<T>(realistic: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: realistic }, { weight: 1, arbitrary: hostileValue });
}

export const traits = fc.record(
  {
    email: mostly(noisyEmail),
    first_name: mostly(shortText),
    last_name: mostly(shortText),
    phone: mostly(phoneText),
    title: mostly(shortText),
    company: mostly(shortText),
    country: mostly(fc.constantFrom("GB", "US", "DE", "gb", "UK", "United Kingdom", "")),
  },
  { requiredKeys: [] },
);

export const context = fc.record(
  {
    locale: mostly(localeText),
    campaign: mostly(campaign),
    consent: mostly(fc.record({ marketing: consentValue, analytics: consentValue }, { requiredKeys: [] })),
    landing_page: mostly(fc.oneof(fc.webUrl(), fc.constantFrom("", "/pricing"))),
    page: fc.record({ url: fc.webUrl(), path: fc.constantFrom("/", "/contact") }, { requiredKeys: [] }),
    traits: mostly(traits),
  },
  { requiredKeys: [] },
);

const properties = fc.record(
  { lead_source: mostly(shortText), method: mostly(fc.constantFrom("google", "email", "", " sso ")) },
  { requiredKeys: [] },
);

/** Structurally valid canonical events (CONTRACT section 1) whose field values range from clean to hostile. */
export const canonicalEvent: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    type: callType,
    event: eventName,
    messageId: fc.oneof(fc.uuid(), fc.constantFrom("m1", "")),
    timestamp: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    anonymousId: fc.uuid(),
    userId: fc.string({ maxLength: 10 }),
    properties,
    traits,
    context,
  },
  { requiredKeys: ["type"] },
);

// ---------------------------------------------------------------- hostile events

const STRUCTURAL = ["type", "event", "messageId", "traits", "properties", "context"] as const;

/** A canonical event with one structural field of the wrong type: must give an invalid_event error, never a throw. */
export const wrongTypeEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(canonicalEvent, fc.constantFrom(...STRUCTURAL), fc.constantFrom<unknown>(42, true, "text", ["list"], null, {}))
  .map(([event, field, value]) => ({ ...event, [field]: value }));

/** A canonical event with `__proto__`, `constructor` or `prototype` own keys planted at one of its levels. */
export const prototypeKeyEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    canonicalEvent,
    fc.constantFrom("", "traits", "context", "context.traits", "context.consent", "context.campaign", "properties"),
    prototypeKeyObject,
  )
  .map(([event, where, payload]) => {
    const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    for (const key of where === "" ? [] : where.split(".")) {
      const next = node[key];
      node =
        typeof next === "object" && next !== null && !Array.isArray(next)
          ? (next as Record<string, unknown>)
          : (withOwnKey(node, key, {})[key] as Record<string, unknown>);
    }
    for (const key of Object.keys(payload)) withOwnKey(node, key, payload[key]);
    return copy;
  });

/** Input that is not an event object at all. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, "Lead Generated", true, [], [{ type: "identify" }]),
  deeplyNested,
);

/**
 * The value exactly as a pipeline hands it over after JSON.parse: plain prototypes (fast-check's records may have
 * none), `__proto__` still an own key.
 */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Every kind of input, realistic events most often. */
export const anyEvent: fc.Arbitrary<unknown> = fc
  .oneof(
    { weight: 6, arbitrary: canonicalEvent },
    { weight: 2, arbitrary: prototypeKeyEvent },
    { weight: 2, arbitrary: wrongTypeEvent },
    // No type: a call with an event name is a track call, one without is not an event.
    { weight: 1, arbitrary: canonicalEvent.map(({ type: _type, ...rest }) => rest) },
    { weight: 1, arbitrary: notAnObject },
  )
  .map(asJson);

// ---------------------------------------------------------------- events with lists (comprehensions)

const listElement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ id: mostly(shortText), n: mostly(fc.oneof(fc.integer(), fc.double())) }) },
  { weight: 1, arbitrary: hostileValue },
);

/** Canonical events whose properties carry `items` (a list, usually) and a `total`, for list comprehensions. */
export const eventWithLists: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(canonicalEvent, mostly(fc.array(listElement, { maxLength: 5 })), mostly(fc.double()))
  .map(([event, items, total]) => ({ ...event, properties: { ...(event.properties as object), items, total } }));
