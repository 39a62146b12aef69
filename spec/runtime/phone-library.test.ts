// The cached matcher behind e164 (runtime/stdlib/phone-library.ts): it must answer exactly as libphonenumber-js's own
// matchesEntirely, and the library loaded with it must parse every number exactly as the unpatched ESM build does.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fc from "fast-check";
import * as plain from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { matchesEntirely, parsePhoneNumberFromString } from "../../runtime/stdlib/phone-library.js";

const require = createRequire(import.meta.url);
const libraryRoot = dirname(dirname(require.resolve("libphonenumber-js/max")));

/** Every string in the metadata that compiles as a pattern: national-number, type and format patterns alike. */
function metadataPatterns(): string[] {
  const metadata = require(join(libraryRoot, "metadata.max.json")) as unknown;
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(metadata);
  return [...found].filter((pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  });
}

describe("the cached matchesEntirely", () => {
  it("passes the library's own cases", () => {
    // From libphonenumber-js source/helpers/matchesEntirely.test.js: no text, and an alternation that must be
    // anchored as a whole ("^a|b$" would accept 911231231).
    expect(matchesEntirely(undefined, "")).toBe(true);
    expect(matchesEntirely("911231231", "4\\d{8}|[1-9]\\d{7}")).toBe(false);
  });

  it("is the matcher the library calls", () => {
    const helper = require(join(libraryRoot, "build", "helpers", "matchesEntirely.js")) as { default: unknown };
    expect(helper.default).toBe(matchesEntirely);
  });

  it("answers as a fresh anchored RegExp for every metadata pattern, twice in a row", () => {
    const patterns = metadataPatterns();
    expect(patterns.length).toBeGreaterThan(1_000);
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.stringMatching(/^[0-9]{0,15}$/), (pattern, digits) => {
        const expected = new RegExp("^(?:" + pattern + ")$").test(digits);
        expect(matchesEntirely(digits, pattern)).toBe(expected);
        expect(matchesEntirely(digits, pattern)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });
});

const REGIONS = ["GB", "US", "DE", "FR", "AU", "IN", "BR", "JP", "GG", "JE", "CA", "NL", "ZA", undefined] as const;

/** Number-like text: national and international forms, punctuation, short and over-long digit runs. */
const phoneText = fc
  .tuple(
    fc.constantFrom("", "+", "00", "0", "+44 ", "+1 ", "(0)", "+49-"),
    fc.array(fc.stringMatching(/^[0-9]{1,4}$/), { minLength: 1, maxLength: 5 }),
    fc.constantFrom(" ", "-", ".", ""),
  )
  .map(([prefix, groups, separator]) => prefix + groups.join(separator));

describe("the library loaded with the cache", () => {
  it("parses every number as the unpatched build does", () => {
    fc.assert(
      fc.property(phoneText, fc.constantFrom(...REGIONS), (text, region) => {
        const options = { defaultCountry: region, extract: false } as const;
        const ours = parsePhoneNumberFromString(text, options);
        const theirs = plain.parsePhoneNumberFromString(text, options);
        expect(ours?.number).toBe(theirs?.number);
        expect(ours?.country).toBe(theirs?.country);
        expect(ours?.isPossible()).toBe(theirs?.isPossible());
      }),
      { numRuns: 3_000 },
    );
  });
});
