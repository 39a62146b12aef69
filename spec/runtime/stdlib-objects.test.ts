// Properties of merge, entries, from_entries and take: total, no blank values made up, and no key of an event can
// reach a prototype, whatever the keys (`__proto__`, `constructor`, `prototype`, `toString`).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entries, from_entries, merge, take } from "../../runtime/stdlib/index.js";

const HOSTILE = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];
const key = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 }));
const value = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }));
const pair = fc.record({ key: fc.oneof(key, fc.integer(), fc.constant(null)), value }, { requiredKeys: [] });
// JSON.parse gives `__proto__` as an own key, as the event decoder does.
const eventObject = fc.dictionary(key, fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.parse(JSON.stringify(o)));
const anything = fc.oneof(eventObject, fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));

function expectPlainAndUnpolluted(result: unknown): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
  if (result === undefined) return;
  expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  const values = Object.values(result as object);
  expect(values.length).toBeGreaterThan(0);
  for (const item of values) expect(item === null || item === "" || item === undefined).toBe(false);
}

describe("from_entries", () => {
  it("builds a plain object whose keys are own keys, whatever the keys, and never throws", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pair, anything), { maxLength: 8 }), (list) => {
        const result = from_entries(list);
        expectPlainAndUnpolluted(result);
        for (const item of list) {
          const { key: k, value: v } = (item ?? {}) as { key?: unknown; value?: unknown };
          if (typeof k === "string" && k !== "" && v !== undefined && v !== null && v !== "") {
            expect(Object.prototype.hasOwnProperty.call(result, k)).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("keeps __proto__ as data: the result's prototype is unchanged and the value is readable as a key", () => {
    const result = from_entries([{ key: "__proto__", value: { polluted: true } }])!;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"polluted":true}}');
    expect((result as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("is the inverse of entries on objects without blank values or the empty key", () => {
    fc.assert(
      fc.property(eventObject, (object) => {
        const blankFree = Object.values(object).every((v) => v !== null && v !== "") && !("" in object);
        const back = from_entries(entries(object));
        if (blankFree && Object.keys(object).length > 0) expect(back).toStrictEqual(object);
      }),
    );
  });
});

describe("merge", () => {
  it("never throws, keeps every present key with the last value written, and pollutes nothing", () => {
    fc.assert(
      fc.property(fc.array(anything, { maxLength: 4 }), (objects) => {
        const result = merge(...objects);
        expectPlainAndUnpolluted(result);
        const seen = new Map<string, unknown>();
        for (const object of objects) {
          if (object === null || typeof object !== "object" || Array.isArray(object)) continue;
          for (const [k, v] of Object.entries(object)) if (v !== null && v !== "") seen.set(k, v);
        }
        expect(result === undefined ? [] : Object.keys(result).sort()).toEqual([...seen.keys()].sort());
        for (const [k, v] of seen) expect((result as Record<string, unknown>)[k]).toBe(v);
      }),
      { numRuns: 400 },
    );
  });
});

describe("entries and take", () => {
  it("give lists with no blank value, and absent rather than an empty list", () => {
    fc.assert(
      fc.property(anything, fc.oneof(fc.integer({ min: -2, max: 30 }), fc.double(), anything), (input, count) => {
        const listed = entries(input);
        if (listed !== undefined) {
          expect(listed.length).toBeGreaterThan(0);
          for (const item of listed) expect(item.value === null || item.value === "").toBe(false);
        }
        const taken = take(input, count);
        if (taken !== undefined) {
          expect(taken.length).toBeGreaterThan(0);
          expect(taken.length).toBeLessThanOrEqual(count as number);
        }
      }),
      { numRuns: 400 },
    );
  });
});
